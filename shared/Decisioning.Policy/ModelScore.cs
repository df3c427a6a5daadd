namespace Decisioning.Policy;

/// <summary>The credit-scoring model's verdict on an application.</summary>
public sealed record ModelScore(double ProbabilityOfDefault, int Points, string Grade, string ModelVersion, IReadOnlyList<Reason> Reasons);
