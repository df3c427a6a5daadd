namespace CreditScoring.Scoring;

// The caller maps this to INVALID_ARGUMENT: the request, not the model, is wrong.
public sealed class InvalidFeatureValueException(string feature, string? value)
    : ArgumentException($"Feature '{feature}' has the value '{value ?? "null"}', which the model does not accept.", feature)
{
    public string Feature { get; } = feature;

    public string? Value { get; } = value;
}
