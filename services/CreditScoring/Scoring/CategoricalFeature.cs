using System.Collections.Frozen;

namespace CreditScoring.Scoring;

internal sealed class CategoricalFeature(
    string name,
    string[] values,
    double[] weights,
    int bestBin,
    ReasonCode?[] reasons,
    Func<ApplicantFeatures, string> read)
    : ScorecardFeature(name, values, weights, bestBin, reasons)
{
    private readonly FrozenDictionary<string, int> binOfValue =
        values.Select((value, bin) => (value, bin)).ToFrozenDictionary(p => p.value, p => p.bin, StringComparer.Ordinal);

    public override int BinOf(ApplicantFeatures applicant)
    {
        var value = read(applicant);
        if (value is null || !binOfValue.TryGetValue(value, out var bin))
        {
            throw new InvalidFeatureValueException(Name, value);
        }

        return bin;
    }
}
