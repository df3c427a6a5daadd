using System.ComponentModel.DataAnnotations;

namespace Gateway.Models;

// One circuit breaker per model service: when at least FailureRatio of the calls in SamplingSeconds (and at least
// MinimumThroughput calls) failed or timed out, calls fail at once for BreakSeconds, then one call probes.
public sealed class ModelCircuitBreakerOptions
{
    public const string Section = "Models:CircuitBreaker";

    public bool Enabled { get; set; } = true;

    [Range(0.01, 1.0)]
    public double FailureRatio { get; set; } = 0.5;

    [Range(2, 10_000)]
    public int MinimumThroughput { get; set; } = 10;

    [Range(0.5, 600)]
    public double SamplingSeconds { get; set; } = 10;

    [Range(0.5, 600)]
    public double BreakSeconds { get; set; } = 5;
}
