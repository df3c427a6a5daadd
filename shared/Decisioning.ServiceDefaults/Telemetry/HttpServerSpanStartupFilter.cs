using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Decisioning.ServiceDefaults.Telemetry;

// Outermost, so the status recorded is the one the client gets (exception handler and auth included).
internal sealed class HttpServerSpanStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseMiddleware<HttpServerSpanMiddleware>();
        next(app);
    };
}
