namespace Gateway.Outcomes;

// Strings rather than Guid and DateOnly: a bad value is that row's "invalid", not the whole batch's 400.
public sealed record OutcomeRowRequest(string? DecisionId, string? ApplicationId, string? Status, string? ObservedAt);
