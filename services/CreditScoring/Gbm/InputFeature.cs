using CreditScoring.Scoring;

namespace CreditScoring.Gbm;

// An applicant field and the model input columns it becomes.
internal abstract class InputFeature(string name, int[] columns)
{
    public string Name { get; } = name;

    public int[] Columns { get; } = columns;

    public abstract void Encode(ApplicantFeatures applicant, Span<float> input);

    // The ReasonCodes bin for a positive contribution of this applicant's value.
    public abstract string ReasonBin(ApplicantFeatures applicant);

    public abstract string Value(ApplicantFeatures applicant);
}
