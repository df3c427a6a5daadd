using Decisioning.Data;

namespace Gateway.Audit;

public static class AuditServices
{
    public static IHostApplicationBuilder AddAudit(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<AuditStore>();
        builder.Services.AddSingleton<AuditTrail>();
        return builder;
    }
}
