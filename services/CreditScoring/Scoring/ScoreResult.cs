namespace CreditScoring.Scoring;

public sealed record ScoreResult(
    double ProbabilityOfDefault,
    double Logit,
    int Points,
    string Grade,
    string ModelName,
    string ModelVersion,
    IReadOnlyList<ReasonCode> Reasons);
