namespace Gateway.Decisions;

// The outbox event of a new decision (decision.made.v1): ids, outcome, grade, PD and the offer of an approval. It carries
// no applicant data: consumers that need it read the decision by id.
public sealed record DecisionEvent(Guid DecisionId, string TenantId, string ApplicationId, string Outcome, string? Grade, double? Pd, OfferDocument? Offer, string PolicyVersion, DateTime DecidedAt);
