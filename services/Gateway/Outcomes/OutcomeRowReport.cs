namespace Gateway.Outcomes;

// One row's fate: recorded, unchanged, updated, not_found or invalid (with the error).
public sealed record OutcomeRowReport(int Index, string Status, Guid? DecisionId, string? Error);
