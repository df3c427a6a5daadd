using System.Globalization;

namespace CreditScoring.Scoring;

// Bin i holds x with upperBounds[i - 1] < x <= upperBounds[i]; the last bound is +inf.
internal sealed class NumericFeature(
    string name,
    double[] upperBounds,
    double[] weights,
    int bestBin,
    ReasonCode?[] reasons,
    Func<ApplicantFeatures, double> read)
    : ScorecardFeature(name, [.. upperBounds.Select(Label)], weights, bestBin, reasons)
{
    public override int BinOf(ApplicantFeatures applicant)
    {
        var x = read(applicant);
        if (!double.IsFinite(x))
        {
            throw new InvalidFeatureValueException(Name, x.ToString(CultureInfo.InvariantCulture));
        }

        var bin = 0;
        while (x > upperBounds[bin])
        {
            bin++;
        }

        return bin;
    }

    private static string Label(double upperBound) =>
        double.IsPositiveInfinity(upperBound) ? "le:+inf" : "le:" + upperBound.ToString("R", CultureInfo.InvariantCulture);
}
