using System.Diagnostics.Metrics;

namespace Decisioning.ServiceDefaults.Metrics;

// HTTP server RED: rate and errors by status, duration by status class; the route is the endpoint's template.
internal sealed class HttpServerMetrics
{
    public const string MeterName = "Decisioning.Http";

    private readonly Counter<long> _requests;
    private readonly Histogram<double> _duration;

    public HttpServerMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _requests = meter.CreateCounter<long>("http.server.requests", description: "HTTP requests answered, by method, route template and status code.");
        _duration = meter.CreateHistogram<double>("http.server.request.duration", "s", "Time to answer an HTTP request, by method, route template and status class.");
    }

    public void Record(string method, string route, int statusCode, double seconds)
    {
        var methodTag = new KeyValuePair<string, object?>("method", method);
        var routeTag = new KeyValuePair<string, object?>("route", route);
        _requests.Add(1, methodTag, routeTag, new KeyValuePair<string, object?>("status", HttpStatusLabels.Code(statusCode)));
        _duration.Record(seconds, methodTag, routeTag, new KeyValuePair<string, object?>("status_class", HttpStatusLabels.Class(statusCode)));
    }
}
