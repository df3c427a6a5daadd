namespace CreditScoring.Scoring;

// Bin is a category value, or ReasonCodes.Higher / ReasonCodes.Lower for a numeric feature.
public sealed record ReasonCodeDefinition(string Feature, string Bin, string Code, string Description);
