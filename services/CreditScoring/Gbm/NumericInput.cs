using CreditScoring.Scoring;
using System.Globalization;

namespace CreditScoring.Gbm;

// The value as float32 in one column. Monotone is the trees' constraint (+1 risk rises with x, -1 falls,
// 0 none); a constrained feature can only hurt on one side, otherwise the side is x against the reference.
internal sealed class NumericInput(string name, int column, int monotone, double reasonReference, Func<ApplicantFeatures, double> read)
    : InputFeature(name, [column])
{
    public int Column { get; } = column;

    public int Monotone { get; } = monotone;

    public double ReasonReference { get; } = reasonReference;

    public override void Encode(ApplicantFeatures applicant, Span<float> input)
    {
        var x = read(applicant);
        if (!double.IsFinite(x))
        {
            throw new InvalidFeatureValueException(Name, x.ToString(CultureInfo.InvariantCulture));
        }

        input[Column] = (float)x;
    }

    public override string ReasonBin(ApplicantFeatures applicant) => Monotone switch
    {
        > 0 => ReasonCodes.Higher,
        < 0 => ReasonCodes.Lower,
        _ => read(applicant) > ReasonReference ? ReasonCodes.Higher : ReasonCodes.Lower,
    };

    public override string Value(ApplicantFeatures applicant) => read(applicant).ToString("R", CultureInfo.InvariantCulture);
}
