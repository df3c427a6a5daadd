using BenchmarkDotNet.Attributes;
using CreditScoring.Gbm;
using CreditScoring.Scoring;

namespace Decisioning.Benchmarks.HotPaths;

// The shipped 300-tree challenger and its first 100 trees, one call per German credit applicant.
// Recursive TreeSHAP is the baseline the leaf tables replace.
[MemoryDiagnoser]
public class GbmBenchmarks
{
    private GradientBoostedModel leafTables = null!;
    private GradientBoostedModel recursive = null!;
    private ApplicantFeatures[] applicants = [];

    [Params(100, 300)]
    public int Trees { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        leafTables = HotPathInputs.Gbm(Trees);
        recursive = HotPathInputs.Gbm(Trees, TreeShapAlgorithm.Recursive);
        applicants = [.. HotPathInputs.Applicants()];
    }

    [Benchmark(OperationsPerInvoke = HotPathInputs.ApplicantCount)]
    public double ScoreWithTreeShapReasons()
    {
        var sum = 0.0;
        foreach (var applicant in applicants)
        {
            sum += leafTables.Score(applicant).ProbabilityOfDefault;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = HotPathInputs.ApplicantCount)]
    public double ScoreWithRecursiveTreeShap()
    {
        var sum = 0.0;
        foreach (var applicant in applicants)
        {
            sum += recursive.Score(applicant).ProbabilityOfDefault;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = HotPathInputs.ApplicantCount)]
    public double MarginOnly()
    {
        var sum = 0.0;
        foreach (var applicant in applicants)
        {
            sum += leafTables.Margin(applicant);
        }

        return sum;
    }
}
