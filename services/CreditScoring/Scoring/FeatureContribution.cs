namespace CreditScoring.Scoring;

// Bin is the category, or "le:<upper bound>" for a numeric interval.
public sealed record FeatureContribution(string Feature, string Bin, double Weight, double Contribution);
