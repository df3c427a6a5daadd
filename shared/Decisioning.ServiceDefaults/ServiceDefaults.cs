using System.Data.Common;
using Decisioning.ServiceDefaults.Health;
using Decisioning.ServiceDefaults.Metrics;
using Decisioning.ServiceDefaults.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Prometheus;

namespace Decisioning.ServiceDefaults;

/// <summary>What every Decisioning service has: problem details, tracing, Prometheus metrics, health endpoints.</summary>
public static class ServiceDefaults
{
    /// <summary>The tag of health checks that only say the process is running.</summary>
    public const string LiveTag = "live";

    /// <summary>
    /// Registers problem details, health checks, metrics (a prometheus-net registry and <see cref="IMetricFactory"/> for
    /// this host; ASP.NET Core's, Kestrel's and Npgsql's meters; process metrics; exposed by
    /// <see cref="MapDefaultEndpoints"/>), tracing and logs. Traces are always recorded (so trace
    /// ids exist and W3C trace context flows between services); traces, logs (with trace and span ids) and the runtime's
    /// and frameworks' metrics are exported over OTLP by OpenTelemetry's SDK when OTEL_EXPORTER_OTLP_ENDPOINT is set,
    /// honouring the standard OTEL_* variables. Export is batched with bounded queues; while it fails, one warning is logged.
    /// </summary>
    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        // No "Server: Kestrel": an inventory of what runs here is nobody's business.
        builder.Services.Configure<KestrelServerOptions>(kestrel => kestrel.AddServerHeader = false);
        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);

        TelemetryServices.AddTelemetry(builder);

        // One registry per host, so several hosts in one process (tests) keep their metrics apart.
        builder.Services.AddMetrics();
        builder.Services.AddSingleton(_ => Prometheus.Metrics.NewCustomRegistry());
        // Exemplars carry the current trace, a new one at most once a second per series: enough to lead from a latency
        // bucket to a trace, without building one on every observation of the request path.
        builder.Services.AddSingleton<IMetricFactory>(services =>
        {
            var factory = Prometheus.Metrics.WithCustomRegistry(services.GetRequiredService<CollectorRegistry>());
            factory.ExemplarBehavior = new ExemplarBehavior
            {
                DefaultExemplarProvider = (_, _) => Exemplar.FromTraceContext(),
                NewExemplarMinInterval = TimeSpan.FromSeconds(1),
            };
            return factory;
        });
        builder.Services.AddSingleton<FrameworkMeters>();
        builder.Services.AddSingleton<IHealthCheckPublisher, HealthMetrics>();
        builder.Services.Configure<HealthCheckPublisherOptions>(options =>
        {
            options.Delay = TimeSpan.FromSeconds(2);
            options.Period = TimeSpan.FromSeconds(builder.Configuration.GetValue("HealthChecks:PublishSeconds", 15));
        });
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
    /// Maps <c>/metrics</c> (prometheus-net: Prometheus text format 0.0.4, or OpenMetrics 1.0 with trace exemplars when
    /// the Accept header prefers <c>application/openmetrics-text</c>), <c>/health</c> (ready: every check) and
    /// <c>/alive</c> (the process answers).
    /// </summary>
    public static IEndpointRouteBuilder MapDefaultEndpoints(this IEndpointRouteBuilder app)
    {
        // Listening starts here, before the first request, not at the first scrape.
        app.ServiceProvider.GetRequiredService<FrameworkMeters>();
        var registry = app.ServiceProvider.GetRequiredService<CollectorRegistry>();
        // Read with GET (or HEAD) only: another method gets 405, as on every other route.
        var reads = new HttpMethodMetadata(["GET", "HEAD"]);
        app.MapMetrics(settings => settings.Registry = registry).WithMetadata(reads);
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = WriteHealthAsync }).WithMetadata(reads);
        app.MapHealthChecks("/alive", new HealthCheckOptions { Predicate = check => check.Tags.Contains(LiveTag) }).WithMetadata(reads);
        return app;
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
