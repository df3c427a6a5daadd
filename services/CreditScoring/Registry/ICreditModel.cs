using CreditScoring.Scoring;

namespace CreditScoring.Registry;

// A loaded credit model of any kind: what the service needs to score with it.
public interface ICreditModel
{
    string ModelName { get; }

    string ModelVersion { get; }

    ScoreResult Score(ApplicantFeatures applicant);
}
