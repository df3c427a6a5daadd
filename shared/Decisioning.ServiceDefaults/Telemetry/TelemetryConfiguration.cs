using Microsoft.Extensions.Configuration;

namespace Decisioning.ServiceDefaults.Telemetry;

// What the OTEL_* settings resolved to, once per host: where each signal goes (null: not exported) and,
// when the settings are unusable, why.
internal sealed record TelemetryConfiguration(OtlpSettings? Traces, OtlpSettings? Logs, string? Problem)
{
    public static TelemetryConfiguration From(IConfiguration configuration)
    {
        var traces = OtlpSettings.Resolve(configuration, OtlpSignal.Traces, out var tracesProblem);
        var logs = OtlpSettings.Resolve(configuration, OtlpSignal.Logs, out var logsProblem);
        return new TelemetryConfiguration(traces, logs, tracesProblem ?? logsProblem);
    }
}
