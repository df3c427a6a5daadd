using System.Globalization;

namespace Decisioning.Benchmarks.Fuzzing;

// The "fuzz" command: bad requests from a seed to a Gateway on loopback, the table of answers, non-zero exit on any failure.
public static class FuzzCommand
{
    public static async Task<int> RunAsync(string gatewayUrl, string count, string seed, string decider, string analyst, string reviewer, string admin, string? concurrency)
    {
        var gateway = new Uri(gatewayUrl);
        var requests = int.Parse(count, CultureInfo.InvariantCulture);
        var generator = new BadRequestGenerator(new FuzzKeys(decider, analyst, reviewer, admin), int.Parse(seed, CultureInfo.InvariantCulture));
        var runner = new FuzzRunner(gateway, concurrency is null ? 16 : int.Parse(concurrency, CultureInfo.InvariantCulture), TimeSpan.FromMinutes(30));
        Console.WriteLine($"fuzz: {requests} bad requests from seed {seed} to {gateway}");
        var report = await runner.RunAsync(generator.Generate(requests));
        Console.WriteLine(report);
        Console.WriteLine(report.Passed ? "PASS" : "FAIL");
        return report.Passed ? 0 : 1;
    }
}
