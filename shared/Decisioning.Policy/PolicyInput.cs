namespace Decisioning.Policy;

/// <summary>
/// Everything a policy decides on. <see cref="Score"/> or <see cref="Prices"/> is null when that
/// model service did not answer in time; the policy then decides without it.
/// </summary>
public sealed record PolicyInput(ApplicationFacts Application, ModelScore? Score, PriceGrid? Prices);
