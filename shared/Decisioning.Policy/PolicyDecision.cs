namespace Decisioning.Policy;

/// <summary>The outcome, the reasons behind it (policy reasons first, then the model's) and the offer when approved.</summary>
public sealed record PolicyDecision(DecisionOutcome Outcome, IReadOnlyList<Reason> Reasons, GradeOffer? Offer);
