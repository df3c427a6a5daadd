using BenchmarkDotNet.Attributes;
using CreditScoring.Scoring;

namespace Decisioning.Benchmarks.HotPaths;

// One call per German credit applicant, so the time is an average over the real mix of bins and reasons.
[MemoryDiagnoser]
public class ScorecardBenchmarks
{
    private Scorecard scorecard = null!;
    private ApplicantFeatures[] applicants = [];

    [GlobalSetup]
    public void Setup()
    {
        scorecard = HotPathInputs.Scorecard();
        applicants = [.. HotPathInputs.Applicants()];
    }

    [Benchmark(OperationsPerInvoke = HotPathInputs.ApplicantCount)]
    public double ScoreWithReasons()
    {
        var sum = 0.0;
        foreach (var applicant in applicants)
        {
            sum += scorecard.Score(applicant).ProbabilityOfDefault;
        }

        return sum;
    }
}
