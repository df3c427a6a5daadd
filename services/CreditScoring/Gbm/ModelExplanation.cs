namespace CreditScoring.Gbm;

// Bias (the expected margin) plus every feature's contribution is the margin, the log-odds of default.
public sealed record ModelExplanation(double Margin, double Bias, IReadOnlyList<FeatureAttribution> Features);
