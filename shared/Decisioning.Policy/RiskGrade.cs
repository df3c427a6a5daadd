namespace Decisioning.Policy;

/// <summary>
/// The risk grades A (best) to G (worst) and the probability-of-default band of each.
/// Scoring assigns the grade; pricing prices each grade at the top of its band.
/// </summary>
public static class RiskGrade
{
    /// <summary>Grades from best to worst.</summary>
    public static readonly IReadOnlyList<string> All = ["A", "B", "C", "D", "E", "F", "G"];

    // Exclusive upper PD bound of each grade A..F; G takes the rest.
    private static readonly double[] UpperBounds = [0.04, 0.08, 0.13, 0.20, 0.30, 0.45];

    /// <summary>The grade whose band holds <paramref name="probabilityOfDefault"/>.</summary>
    public static string For(double probabilityOfDefault)
    {
        if (double.IsNaN(probabilityOfDefault) || probabilityOfDefault < 0 || probabilityOfDefault > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(probabilityOfDefault), probabilityOfDefault, "A probability must be in [0, 1].");
        }

        for (var i = 0; i < UpperBounds.Length; i++)
        {
            if (probabilityOfDefault < UpperBounds[i])
            {
                return All[i];
            }
        }

        return All[^1];
    }

    /// <summary>The highest PD a grade admits (1 for G): the prudent PD to price the grade at.</summary>
    public static double UpperProbabilityOfDefault(string grade)
    {
        var index = IndexOf(grade);
        return index < UpperBounds.Length ? UpperBounds[index] : 1.0;
    }

    /// <summary>True when <paramref name="grade"/> is one of A..G.</summary>
    public static bool IsGrade(string grade) => All.Contains(grade);

    private static int IndexOf(string grade)
    {
        for (var i = 0; i < All.Count; i++)
        {
            if (All[i] == grade)
            {
                return i;
            }
        }

        throw new ArgumentException($"Unknown grade '{grade}'; grades are A to G.", nameof(grade));
    }
}
