namespace Gateway.Reviews;

public sealed record ResolveRequest(string? Outcome, string? Reason, string? Note);
