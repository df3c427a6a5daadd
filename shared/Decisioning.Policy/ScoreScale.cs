namespace Decisioning.Policy;

/// <summary>
/// The points scale of a credit score: 600 points at good:bad odds of 50:1, and 20 points to double the odds.
/// </summary>
public static class ScoreScale
{
    /// <summary>Points at the anchor odds.</summary>
    public const double AnchorPoints = 600;

    /// <summary>Good:bad odds at the anchor points.</summary>
    public const double AnchorOdds = 50;

    /// <summary>Points to double the odds.</summary>
    public const double PointsToDoubleOdds = 20;

    /// <summary>Score in points for a probability of default, rounded to the nearest point.</summary>
    public static int Points(double probabilityOfDefault)
    {
        var pd = Math.Clamp(probabilityOfDefault, 1e-9, 1 - 1e-9);
        var odds = (1 - pd) / pd;
        return (int)Math.Round(AnchorPoints + PointsToDoubleOdds / Math.Log(2) * Math.Log(odds / AnchorOdds), MidpointRounding.AwayFromZero);
    }
}
