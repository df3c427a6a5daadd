using System.Data.Common;
using System.Diagnostics.Metrics;
using System.Text;
using Decisioning.ServiceDefaults.Health;
using Decisioning.ServiceDefaults.Metrics;
using Decisioning.ServiceDefaults.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Decisioning.ServiceDefaults;

/// <summary>What every Decisioning service has: problem details, tracing, Prometheus metrics, health endpoints.</summary>
public static class ServiceDefaults
{
    /// <summary>The tag of health checks that only say the process is running.</summary>
    public const string LiveTag = "live";

    /// <summary>Meters named <c>Decisioning</c> or <c>Decisioning.*</c> are exposed at <c>/metrics</c>.</summary>
    public const string MeterNamePrefix = "Decisioning";

    /// <summary>
    /// Registers problem details, health checks, metrics (HTTP server RED, process; every <c>Decisioning.*</c>
    /// meter, exposed by <see cref="MapDefaultEndpoints"/>), tracing and logs. Traces are always recorded (so trace
    /// ids exist and W3C trace context flows between services); traces and logs (with trace and span ids) are
    /// exported over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set, honouring the standard OTEL_* variables
    /// (protocol, headers, timeout, OTEL_SERVICE_NAME, OTEL_RESOURCE_ATTRIBUTES, OTEL_TRACES_SAMPLER, OTEL_BSP_*,
    /// OTEL_BLRP_*). Export is batched with bounded queues; while it fails, one warning is logged.
    /// </summary>
    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);

        TelemetryServices.AddTelemetry(builder);

        builder.Services.AddMetrics();
        builder.Services.AddSingleton(services =>
        {
            // Meters from this host's factory only: several hosts in one process keep their metrics apart.
            var factory = services.GetRequiredService<IMeterFactory>();
            return new PrometheusCollector(meter => IsExposed(meter, factory));
        });
        builder.Services.AddSingleton<HttpServerMetrics>();
        builder.Services.AddSingleton<ProcessMetrics>();
        builder.Services.AddSingleton<IHealthCheckPublisher, HealthMetrics>();
        builder.Services.Configure<HealthCheckPublisherOptions>(options =>
        {
            options.Delay = TimeSpan.FromSeconds(2);
            options.Period = TimeSpan.FromSeconds(builder.Configuration.GetValue("HealthChecks:PublishSeconds", 15));
        });
        builder.Services.AddSingleton<IStartupFilter, HttpMetricsStartupFilter>();
        builder.Services.AddHostedService<MetricsStarter>();
        return builder;
    }

    /// <summary>
    /// Adds the check <c>database</c>: unhealthy while the registered <typeparamref name="TDataSource"/> cannot answer
    /// <c>SELECT 1</c> (so <c>/health</c> answers 503 and <c>decisioning_health_check_status{check="database"}</c> is 0).
    /// </summary>
    public static IHealthChecksBuilder AddDatabaseCheck<TDataSource>(this IHealthChecksBuilder checks)
        where TDataSource : DbDataSource =>
        checks.Add(new HealthCheckRegistration("database", services => new DatabaseHealthCheck(services.GetRequiredService<TDataSource>()), HealthStatus.Unhealthy, null));

    /// <summary>
    /// Maps <c>/metrics</c> (Prometheus text format 0.0.4, or OpenMetrics 1.0 with exemplars when the Accept header
    /// asks for <c>application/openmetrics-text</c>), <c>/health</c> (ready: every check) and <c>/alive</c> (the
    /// process answers).
    /// </summary>
    public static IEndpointRouteBuilder MapDefaultEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/metrics", WriteMetricsAsync).ExcludeFromDescription();
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = WriteHealthAsync });
        app.MapHealthChecks("/alive", new HealthCheckOptions { Predicate = check => check.Tags.Contains(LiveTag) });
        return app;
    }

    private static bool IsExposed(Meter meter, IMeterFactory factory) =>
        (meter.Scope is null || ReferenceEquals(meter.Scope, factory))
        && meter.Name.StartsWith(MeterNamePrefix, StringComparison.Ordinal)
        && (meter.Name.Length == MeterNamePrefix.Length || meter.Name[MeterNamePrefix.Length] == '.');

    private static Task WriteMetricsAsync(HttpContext context, PrometheusCollector collector)
    {
        var format = ExpositionNegotiation.Choose(context.Request.Headers.Accept);
        var text = new StringBuilder(16 * 1024);
        collector.WriteTo(text, format);
        context.Response.ContentType = format == ExpositionFormat.OpenMetrics ? PrometheusCollector.OpenMetricsContentType : PrometheusCollector.ContentType;
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.Vary = "Accept";
        return context.Response.WriteAsync(text.ToString(), Encoding.UTF8, context.RequestAborted);
    }

    // {"status":"Degraded","checks":{"database":"Healthy","pricing":"Degraded"}}: what an SRE needs, nothing more.
    private static Task WriteHealthAsync(HttpContext context, HealthReport report)
    {
        var checks = new Dictionary<string, string>();
        foreach (var (name, entry) in report.Entries)
        {
            checks[name] = entry.Status.ToString();
        }

        return context.Response.WriteAsJsonAsync(new { status = report.Status.ToString(), checks });
    }
}
