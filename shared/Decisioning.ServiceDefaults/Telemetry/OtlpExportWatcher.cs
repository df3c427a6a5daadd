using System.Diagnostics.Tracing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Decisioning.ServiceDefaults.Telemetry;

// The OTLP exporter reports each export's result to its EventSource only; this listener turns those events into
// one warning while any endpoint fails and one line when every endpoint works again, instead of a line per batch.
// It lives as long as the host (a hosted service is created at start and disposed with the container).
internal sealed class OtlpExportWatcher(ILogger logger) : EventListener, IHostedService
{
    public const string LogCategory = "Decisioning.ServiceDefaults.OtlpExport";

    private const string ExporterEventSource = "OpenTelemetry-Exporter-OpenTelemetryProtocol";

    // The exporter's events that mean a batch was not delivered; each carries the endpoint first.
    private static readonly HashSet<string> FailureEvents =
        ["FailedToReachCollector", "TransientHttpError", "HttpRequestFailed", "OperationUnexpectedlyCanceled", "RequestTimedOut", "ResponseDeserializationFailed", "ExportFailure"];

    private readonly HashSet<string> _failing = [];

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    internal void OnExport(string endpoint, bool succeeded, string? failure = null)
    {
        lock (_failing)
        {
            if (succeeded ? !_failing.Remove(endpoint) : !_failing.Add(endpoint))
            {
                return;
            }

            if (!succeeded && _failing.Count == 1)
            {
                TelemetryLog.ExportFailing(logger, endpoint, failure ?? "the exporter reported a failure");
            }
            else if (succeeded && _failing.Count == 0)
            {
                TelemetryLog.ExportRecovered(logger, endpoint);
            }
        }
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == ExporterEventSource)
        {
            EnableEvents(eventSource, EventLevel.Informational);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.Payload is not [string endpoint, ..] payload)
        {
            return;
        }

        if (eventData.EventName == "ExportSuccess")
        {
            OnExport(endpoint, succeeded: true);
        }
        else if (eventData.EventName is { } name && FailureEvents.Contains(name))
        {
            // The last field is the exception or status; its first line says what went wrong without a stack trace.
            var detail = payload.Count > 1 ? payload[^1]?.ToString()?.Split('\n', 2)[0].Trim() : null;
            OnExport(endpoint, succeeded: false, detail is { Length: > 0 } ? $"{name}: {detail}" : name);
        }
    }
}
