using System.Diagnostics;
using System.Reflection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Trace;

namespace Decisioning.ServiceDefaults.Telemetry;

internal static class TelemetryServices
{
    public static readonly string[] ActivitySources = ["Microsoft.AspNetCore", "System.Net.Http", "Grpc.Net.Client", "Npgsql", "Decisioning.*"];

    // Traces are always recorded (trace ids exist and W3C trace context flows between services); traces and logs
    // are exported over OTLP when an endpoint is configured, through batch processors with bounded queues, so a
    // slow or absent collector costs dropped telemetry, never request latency.
    public static void AddTelemetry(IHostApplicationBuilder builder)
    {
        var configuration = TelemetryConfiguration.From(builder.Configuration);
        var version = Assembly.GetEntryAssembly()?.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0];
        var resource = TelemetryResource.Create(builder.Configuration, builder.Environment.ApplicationName, builder.Environment.EnvironmentName, version);

        builder.Services.AddSingleton(configuration);
        builder.Services.AddSingleton(services => new OtlpExportMonitor(
            () => services.GetRequiredService<ILoggerFactory>().CreateLogger(OtlpExportMonitor.LogCategory)));
        builder.Services.AddSingleton(services =>
        {
            var tracing = Sdk.CreateTracerProviderBuilder().SetResourceBuilder(resource).AddSource(ActivitySources);
            if (configuration.Traces is { } traces)
            {
                var batch = new BatchExportActivityProcessorOptions();
                var exporter = new MonitoredExporter<Activity>(
                    new OtlpTraceExporter(traces.ToExporterOptions()), OtlpSignal.Traces, traces.Endpoint, services.GetRequiredService<OtlpExportMonitor>());
                tracing.AddProcessor(new BatchActivityExportProcessor(
                    exporter, batch.MaxQueueSize, batch.ScheduledDelayMilliseconds, batch.ExporterTimeoutMilliseconds, batch.MaxExportBatchSize));
            }

            return tracing.Build();
        });
        builder.Services.AddSingleton<IStartupFilter, HttpServerSpanStartupFilter>();
        builder.Services.AddHostedService<TelemetryStarter>();

        if (configuration.Logs is { } logs)
        {
            builder.Logging.AddOpenTelemetry(options =>
            {
                options.SetResourceBuilder(resource);
                options.IncludeFormattedMessage = true;
                // Scopes repeat request paths and connection ids on every record; trace and span ids are enough.
                options.IncludeScopes = false;
                options.AddProcessor(services =>
                {
                    var batch = new BatchExportLogRecordProcessorOptions();
                    var exporter = new MonitoredExporter<LogRecord>(
                        new OtlpLogExporter(logs.ToExporterOptions()), OtlpSignal.Logs, logs.Endpoint, services.GetRequiredService<OtlpExportMonitor>());
                    return new BatchLogRecordExportProcessor(
                        exporter, batch.MaxQueueSize, batch.ScheduledDelayMilliseconds, batch.ExporterTimeoutMilliseconds, batch.MaxExportBatchSize);
                });
            });

            // Export problems go to the other log providers only: a warning about a failing collector must not queue for it.
            builder.Logging.AddFilter<OpenTelemetryLoggerProvider>(OtlpExportMonitor.LogCategory, LogLevel.None);
        }
    }
}
