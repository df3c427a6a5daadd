using System.Globalization;
using Decisioning.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Decisioning.IntegrationTests.Reliability;

// The short version of the fault matrix (tests/Decisioning.Benchmarks/faults.sh): one round of kill -9 of every
// component under ./run.sh at a low rate. The script exits non-zero when a decision is lost or duplicated, a
// caller gets a 5xx other than 503 with Retry-After, or a request is never acknowledged.
public class FaultMatrixTests(ITestOutputHelper testOutput)
{
    [Fact]
    public async Task Killing_each_component_once_loses_and_duplicates_no_decision()
    {
        var output = await ProcessRunner.RunAsync(
            "bash",
            [Path.Combine(RepositoryPaths.Root, "tests", "Decisioning.Benchmarks", "faults.sh")],
            TimeSpan.FromMinutes(8),
            new Dictionary<string, string>
            {
                ["ROUNDS"] = "1",
                ["RATE"] = "20",
                ["STEADY_SECONDS"] = "3",
                ["FAULTS_DRAIN_SECONDS"] = "120",
                // The bad requests run apart (Fuzzing/BadRequestTests).
                ["FUZZ_COUNT"] = "0",
                // run.sh runs the Release build; ./test.sh has just made it.
                ["DECISIONING_SKIP_BUILD"] = RepositoryPaths.Configuration == "Release" ? "1" : "0",
            });

        testOutput.WriteLine(output);
        var total = output.Split('\n').Single(line => line.StartsWith("| **all** |", StringComparison.Ordinal))
            .Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        // component, kills, requests, acknowledged, lost, duplicated, max recovery s, other 5xx, ...
        Assert.Equal("6", total[1]);
        Assert.True(int.Parse(total[2], CultureInfo.InvariantCulture) > 0, output);
        Assert.Equal(total[2], total[3]);
        Assert.Equal(["0", "0"], total[4..6]);
        Assert.Equal("0", total[7]);
    }
}
