using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;

namespace Decisioning.Benchmarks.HotPaths;

// `bdn [BenchmarkDotNet arguments]`: every hot-path benchmark unless --filter narrows it, on a short
// job (one launch, three warm-up and five measured iterations) so the suite fits in a few minutes.
public static class HotPathSuite
{
    public static int Run(string[] args)
    {
        var config = DefaultConfig.Instance
            .AddJob(Job.ShortRun.WithIterationCount(5).AsDefault())
            .WithOptions(ConfigOptions.JoinSummary);
        string[] all = args.Any(a => a is "--filter" or "-f" or "--list") ? args : [.. args, "--filter", "*"];
        var summaries = BenchmarkSwitcher.FromTypes([typeof(ScorecardBenchmarks), typeof(GbmBenchmarks), typeof(PricerBenchmarks)])
            .Run(all, config);
        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
    }
}
