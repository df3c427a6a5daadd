using System.Diagnostics;
using Decisioning.ServiceDefaults.Telemetry;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Decisioning.ServiceDefaults.UnitTests.Telemetry;

public class OtlpExportMonitorTests
{
    private static readonly Uri Endpoint = new("http://127.0.0.1:1");

    [Fact]
    public void Failing_exports_of_every_signal_log_one_warning_until_all_recover()
    {
        var logger = new RecordingLogger();
        var monitor = new OtlpExportMonitor(() => logger);

        for (var i = 0; i < 50; i++)
        {
            monitor.Report(OtlpSignal.Traces, Endpoint, succeeded: false);
            monitor.Report(OtlpSignal.Logs, Endpoint, succeeded: false);
        }

        monitor.Report(OtlpSignal.Traces, Endpoint, succeeded: true);
        Assert.True(monitor.IsFailing);
        monitor.Report(OtlpSignal.Logs, Endpoint, succeeded: true);
        monitor.Report(OtlpSignal.Logs, Endpoint, succeeded: true);

        Assert.Equal([LogLevel.Warning, LogLevel.Information], logger.Entries.Select(e => e.Level));
        Assert.Contains("OTLP export of Traces to http://127.0.0.1:1/ is failing", logger.Entries[0].Message);
        Assert.False(monitor.IsFailing);
    }

    [Fact]
    public void Export_that_fails_again_after_recovering_warns_again()
    {
        var logger = new RecordingLogger();
        var monitor = new OtlpExportMonitor(() => logger);

        monitor.Report(OtlpSignal.Logs, Endpoint, succeeded: false);
        monitor.Report(OtlpSignal.Logs, Endpoint, succeeded: true);
        monitor.Report(OtlpSignal.Logs, Endpoint, succeeded: false, "HttpRequestException");

        Assert.Equal([LogLevel.Warning, LogLevel.Information, LogLevel.Warning], logger.Entries.Select(e => e.Level));
        Assert.Contains("(HttpRequestException)", logger.Entries[2].Message);
    }

    [Fact]
    public void Concurrent_failures_warn_exactly_once()
    {
        var logger = new RecordingLogger();
        var monitor = new OtlpExportMonitor(() => logger);

        Parallel.For(0, 10_000, i => monitor.Report(i % 2 == 0 ? OtlpSignal.Traces : OtlpSignal.Logs, Endpoint, succeeded: false));

        Assert.Single(logger.Entries);
    }

    [Fact]
    public void Monitored_exporter_reports_failures_and_exceptions_and_hands_the_resource_to_the_inner_exporter()
    {
        var logger = new RecordingLogger();
        var monitor = new OtlpExportMonitor(() => logger);
        var inner = new ScriptedExporter();
        using var source = new ActivitySource("Test." + Guid.NewGuid().ToString("N"));
        using (var provider = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(ResourceBuilder.CreateEmpty().AddService("scoring-test"))
            .AddSource(source.Name)
            .AddProcessor(new SimpleActivityExportProcessor(new MonitoredExporter<Activity>(inner, OtlpSignal.Traces, Endpoint, monitor)))
            .Build())
        {
            inner.Next = () => ExportResult.Failure;
            for (var i = 0; i < 5; i++)
            {
                source.StartActivity("failing")?.Dispose();
            }

            inner.Next = () => throw new HttpRequestException("connection refused");
            source.StartActivity("throwing")?.Dispose();
            inner.Next = () => ExportResult.Success;
            source.StartActivity("recovered")?.Dispose();
        }

        Assert.Equal(7, inner.Exports);
        Assert.Equal("scoring-test", inner.ServiceName);
        Assert.Equal([LogLevel.Warning, LogLevel.Information], logger.Entries.Select(e => e.Level));
    }

    private sealed class ScriptedExporter : BaseExporter<Activity>
    {
        public Func<ExportResult> Next { get; set; } = () => ExportResult.Success;

        public int Exports { get; private set; }

        public string? ServiceName { get; private set; }

        public override ExportResult Export(in Batch<Activity> batch)
        {
            Exports++;
            ServiceName = ParentProvider.GetResource().Attributes.FirstOrDefault(a => a.Key == "service.name").Value as string;
            return Next();
        }
    }
}
