namespace Gateway.Decisions;

// The decision as the API returns it (DESIGN.md contract): stored once, returned unchanged on replay and GET.
public sealed record DecisionDocument(
    Guid DecisionId,
    string ApplicationId,
    string Outcome,
    IReadOnlyList<ReasonDocument> Reasons,
    ScoreDocument? Score,
    OfferDocument? Offer,
    string PolicyVersion,
    DateTime DecidedAt,
    string? TraceId);
