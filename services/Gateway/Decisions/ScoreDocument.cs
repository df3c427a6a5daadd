namespace Gateway.Decisions;

public sealed record ScoreDocument(double Pd, int Score, string Grade, string ModelVersion);
