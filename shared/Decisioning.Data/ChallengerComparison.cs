namespace Decisioning.Data;

/// <summary>
/// How a challenger compares with the champion on the same decisions: how often both put the applicant in
/// the same policy band (approve, refer, decline by PD) and grade, how their PDs correlate, and their score
/// distributions (10th, 25th, 50th, 75th and 90th percentiles).
/// </summary>
public sealed class ChallengerComparison
{
    /// <summary>Decisions both models scored.</summary>
    public long Count { get; init; }

    /// <summary>Share of decisions both models put in the same policy band.</summary>
    public double? BandAgreementRate { get; init; }

    /// <summary>Share of decisions both models gave the same grade.</summary>
    public double? GradeAgreementRate { get; init; }

    /// <summary>Pearson correlation of the two PDs.</summary>
    public double? PdCorrelation { get; init; }

    /// <summary>The champion's mean PD.</summary>
    public double? ChampionMeanPd { get; init; }

    /// <summary>The challenger's mean PD.</summary>
    public double? ChallengerMeanPd { get; init; }

    /// <summary>The champion's score percentiles.</summary>
    public double[]? ChampionScorePercentiles { get; init; }

    /// <summary>The challenger's score percentiles.</summary>
    public double[]? ChallengerScorePercentiles { get; init; }
}
