namespace Decisioning.Data;

/// <summary>A challenger model's verdict on a decision it did not make.</summary>
public sealed record ChallengerScore(Guid DecisionId, DateTime DecidedAt, string ModelName, string ModelVersion, double Pd, int Score, string Grade, string[] ReasonCodes);
