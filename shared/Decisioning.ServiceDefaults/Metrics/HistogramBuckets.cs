namespace Decisioning.ServiceDefaults.Metrics;

/// <summary>Bucket upper bounds for histograms.</summary>
public static class HistogramBuckets
{
    /// <summary>Latency in seconds, from 0.5 ms to 5 s; also the buckets of ASP.NET Core's request duration.</summary>
    public static IReadOnlyList<double> Latency { get; } = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

    /// <summary>Probabilities (0..1), finer at the low end where most loans' probability of default lies.</summary>
    public static IReadOnlyList<double> Probability { get; } = [0.01, 0.02, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.8, 1];
}
