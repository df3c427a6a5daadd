namespace Decisioning.Data;

/// <summary>An underwriter's final word on a referred decision, and who gave it.</summary>
public sealed record ReviewResolution(string FinalOutcome, string Reason, string? Note, Guid DecidedBy, string DecidedByRole);
