namespace Decisioning.Data;

/// <summary>
/// The review case of a referred decision. <see cref="Status"/> is "open" (never claimed, or its
/// lease ran out), "claimed" (a reviewer holds an unexpired lease) or "resolved".
/// </summary>
public sealed record ReviewCase(
    Guid DecisionId,
    string Status,
    Guid? ClaimedBy,
    DateTime? LeaseExpiresAt,
    string? FinalOutcome,
    string? Reason,
    string? Note,
    Guid? DecidedBy,
    string? DecidedByRole,
    DateTime? ResolvedAt);
