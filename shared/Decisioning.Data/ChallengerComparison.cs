namespace Decisioning.Data;

/// <summary>
/// How a challenger compares with the champion on the same decisions: how often both put the applicant in
/// the same policy band (approve, refer, decline by PD) and grade, how their PDs correlate, and their score
/// distributions (10th, 25th, 50th, 75th and 90th percentiles).
/// </summary>
public sealed record ChallengerComparison(
    long Count,
    double? BandAgreementRate,
    double? GradeAgreementRate,
    double? PdCorrelation,
    double? ChampionMeanPd,
    double? ChallengerMeanPd,
    double[]? ChampionScorePercentiles,
    double[]? ChallengerScorePercentiles);
