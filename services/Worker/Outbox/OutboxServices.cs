using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Worker.Outbox;

// The outbox's two jobs: reading its backlog for /metrics, and relaying it to RabbitMQ (health check "outbox-relay").
public static class OutboxServices
{
    public static IHostApplicationBuilder AddOutbox(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<OutboxOptions>().BindConfiguration(OutboxOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddHostedService<OutboxMonitor>();
        builder.Services.AddSingleton<RabbitMqPublisher>();
        builder.Services.AddSingleton<OutboxRelay>();
        builder.Services.AddHostedService(services => services.GetRequiredService<OutboxRelay>());
        builder.Services.AddHealthChecks()
            .Add(new HealthCheckRegistration("outbox-relay", services => services.GetRequiredService<OutboxRelay>(), HealthStatus.Degraded, null));
        return builder;
    }
}
