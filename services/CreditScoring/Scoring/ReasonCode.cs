namespace CreditScoring.Scoring;

// Contribution is the logit the applicant lost on Feature against its best bin (always > 0 in a reason).
public sealed record ReasonCode(string Code, string Description, double Contribution, string Feature);
