using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Decisioning.ServiceDefaults.Metrics;

// Outermost middleware, so the duration covers the whole pipeline (exception handler and auth included).
internal sealed class HttpMetricsStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseMiddleware<HttpMetricsMiddleware>();
        next(app);
    };
}
