using System.Reflection;
using OpenTelemetry;

namespace Decisioning.ServiceDefaults.Telemetry;

// Wraps an OTLP exporter to see the result of every export (the SDK's batch processor ignores it) and report
// it to the monitor; an exporter that throws becomes a failed export, never an error on the export thread.
internal sealed class MonitoredExporter<T>(BaseExporter<T> inner, OtlpSignal signal, Uri endpoint, OtlpExportMonitor monitor) : BaseExporter<T>
    where T : class
{
    // The OTLP exporters read the resource (service.name, ...) from their parent provider, which the SDK sets only
    // on the exporter its processor holds, this wrapper; the setter is internal, so it is handed on here.
    private static readonly PropertyInfo s_parentProvider = typeof(BaseExporter<T>).GetProperty(nameof(ParentProvider))
        ?? throw new InvalidOperationException("BaseExporter.ParentProvider not found.");

    public override ExportResult Export(in Batch<T> batch)
    {
        if (inner.ParentProvider is null && ParentProvider is not null)
        {
            s_parentProvider.SetValue(inner, ParentProvider);
        }

        ExportResult result;
        string? failure = null;
        try
        {
            result = inner.Export(batch);
        }
        catch (Exception ex)
        {
            result = ExportResult.Failure;
            failure = ex.GetType().Name;
        }

        monitor.Report(signal, endpoint, result == ExportResult.Success, failure);
        return result;
    }

    protected override bool OnForceFlush(int timeoutMilliseconds) => inner.ForceFlush(timeoutMilliseconds);

    protected override bool OnShutdown(int timeoutMilliseconds) => inner.Shutdown(timeoutMilliseconds);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
