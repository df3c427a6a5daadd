using CreditScoring.Scoring;
using System.Collections.Frozen;

namespace CreditScoring.Gbm;

// One 0/1 column per allowed value.
internal sealed class CategoricalInput(string name, string[] values, int[] columns, Func<ApplicantFeatures, string> read)
    : InputFeature(name, columns)
{
    private readonly FrozenDictionary<string, int> columnOfValue =
        values.Select((value, i) => (value, column: columns[i])).ToFrozenDictionary(p => p.value, p => p.column, StringComparer.Ordinal);

    public IReadOnlyList<string> Values { get; } = values;

    public override void Encode(ApplicantFeatures applicant, Span<float> input)
    {
        var value = read(applicant);
        if (value is null || !columnOfValue.TryGetValue(value, out var hot))
        {
            throw new InvalidFeatureValueException(Name, value);
        }

        foreach (var column in Columns)
        {
            input[column] = 0f;
        }

        input[hot] = 1f;
    }

    public override string ReasonBin(ApplicantFeatures applicant) => read(applicant);

    public override string Value(ApplicantFeatures applicant) => read(applicant);
}
