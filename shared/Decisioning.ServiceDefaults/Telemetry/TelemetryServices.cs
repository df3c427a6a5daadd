using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Decisioning.ServiceDefaults.Telemetry;

internal static class TelemetryServices
{
    public const string SourceNames = "Decisioning.*";

    // Spans are always recorded (trace ids exist and W3C trace context flows between services); the SDK exports
    // traces, metrics and logs over OTLP when an endpoint is configured and reads every other OTEL_* setting itself.
    public static void AddTelemetry(IHostApplicationBuilder builder)
    {
        var version = Assembly.GetEntryAssembly()?.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0];
        var telemetry = builder.Services.AddOpenTelemetry()
            // What the host knows first, so that OTEL_RESOURCE_ATTRIBUTES and then OTEL_SERVICE_NAME override it.
            .ConfigureResource(resource => resource.Clear()
                .AddService(builder.Environment.ApplicationName, serviceVersion: version)
                .AddAttributes([new("deployment.environment", builder.Environment.EnvironmentName.ToLowerInvariant())])
                .AddTelemetrySdk()
                .AddEnvironmentVariableDetector())
            .WithTracing(tracing => tracing
                .AddSource(SourceNames)
                // The semantic conventions redact query values; the query string is left out altogether.
                .AddAspNetCoreInstrumentation(options => options.EnrichWithHttpRequest = (activity, _) => activity.SetTag("url.query", null))
                .AddHttpClientInstrumentation()
                // One client span per gRPC call, not a second one for the HTTP/2 request that carries it.
                .AddGrpcClientInstrumentation(options => options.SuppressDownstreamInstrumentation = true)
                .AddNpgsql())
            .WithLogging(configureBuilder: null, configureOptions: options =>
            {
                options.IncludeFormattedMessage = true;
                // Scopes repeat request paths and connection ids on every record; trace and span ids are enough.
                options.IncludeScopes = false;
            });
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            // Prometheus scrapes our own metrics from /metrics; OTLP carries the runtime's and the frameworks' too.
            telemetry.WithMetrics(metrics => metrics
                .AddRuntimeInstrumentation()
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation());
            telemetry.UseOtlpExporter();
            builder.Services.AddHostedService(services => new OtlpExportWatcher(services.GetRequiredService<ILoggerFactory>().CreateLogger(OtlpExportWatcher.LogCategory)));
            // Export problems go to the other log providers only: a warning about a failing collector must not queue for it.
            builder.Logging.AddFilter<OpenTelemetryLoggerProvider>(OtlpExportWatcher.LogCategory, LogLevel.None);
        }
    }
}
