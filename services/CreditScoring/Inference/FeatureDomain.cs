namespace CreditScoring.Inference;

// What the manifest allows for one feature: a closed range for a numeric one, a value set for a categorical one.
public sealed record FeatureDomain(string Name, bool IsNumeric, double Min, double Max, IReadOnlyList<string> AllowedValues);
