namespace CreditScoring.Gbm;

// Value is the applicant's category, or the numeric value; Contribution is its TreeSHAP value in log-odds.
public sealed record FeatureAttribution(string Feature, string Value, double Contribution);
