namespace Decisioning.Data;

/// <summary>
/// A decision as stored: the request as bound, the document as returned, the versions that made it, and the loan
/// outcome reported for it, if any (observed date as yyyy-MM-dd).
/// </summary>
public sealed record StoredDecision(
    string RequestJson, string DocumentJson, string? ModelVersion, string PolicyVersion, string? PricingVersion, string? LoanOutcome, string? LoanOutcomeObservedAt);
