namespace Decisioning.ServiceDefaults.Telemetry;

internal enum OtlpSignal
{
    Traces = 1,
    Logs = 2,
}
