namespace Gateway.LoadShedding;

// Endpoint metadata: the in-flight limit (LoadShedder.Decisions or .History) the endpoint counts against.
public sealed record LoadSheddingLimit(string Name);
