namespace CreditScoring.Registry;

// The models serving at one moment: swapped whole, so a request sees one consistent set.
public sealed record ModelSet(IReadOnlyDictionary<string, LoadedModel> ByName, LoadedModel Champion, IReadOnlyList<LoadedModel> Challengers);
