using Decisioning.Data;

namespace Gateway.Reviews;

// The review of a referred decision as GET /v1/decisions/{id} shows it beside the stored document.
public sealed record ReviewDocument(
    string Status,
    string? FinalOutcome,
    string? Reason,
    string? Note,
    string? DecidedBy,
    string? DecidedByRole,
    DateTime? ResolvedAt,
    DateTime? LeaseExpiresAt)
{
    public static ReviewDocument From(ReviewCase review) => new(
        review.Status,
        review.FinalOutcome,
        review.Reason,
        review.Note,
        review.DecidedBy?.ToString(),
        review.DecidedByRole,
        review.ResolvedAt,
        review.Status == "claimed" ? review.LeaseExpiresAt : null);
}
