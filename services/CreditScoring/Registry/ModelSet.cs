namespace CreditScoring.Registry;

// The models serving at one moment: swapped whole, so a request sees one consistent set. ByName holds the newest
// loaded version of each model; ByVersion every loaded version, by the version stamped on decisions.
public sealed record ModelSet(IReadOnlyDictionary<string, LoadedModel> ByName, IReadOnlyDictionary<string, LoadedModel> ByVersion, LoadedModel Champion, IReadOnlyList<LoadedModel> Challengers);
