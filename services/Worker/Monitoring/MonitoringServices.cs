namespace Worker.Monitoring;

public static class MonitoringServices
{
    public static IHostApplicationBuilder AddMonitoring(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<MonitoringStore>();
        builder.Services.AddSingleton<DriftMonitor>();
        builder.Services.AddSingleton<FairnessMonitor>();
        return builder;
    }
}
