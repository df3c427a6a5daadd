namespace Gateway.Decisions;

public sealed record ReasonDocument(string Code, string Description);
