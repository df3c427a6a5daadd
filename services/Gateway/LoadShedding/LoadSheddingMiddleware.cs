using Gateway.Decisions;
using Gateway.Problems;
using Microsoft.Extensions.Options;

namespace Gateway.LoadShedding;

// Counts the requests in flight per limit and answers 503 at once when a limit is full. It runs before
// authentication, so a shed request costs no key lookup, no rate-limit token and no database work.
public sealed class LoadSheddingMiddleware
{
    private const string RetryAfterSeconds = "1";

    private readonly RequestDelegate _next;
    private readonly IProblemDetailsService _problems;
    private readonly DecisionMetrics _metrics;
    private readonly ConcurrencyGate _decisions;
    private readonly ConcurrencyGate _history;
    private readonly Prometheus.Gauge.Child _decisionsInFlight;
    private readonly Prometheus.Gauge.Child _historyInFlight;

    public LoadSheddingMiddleware(RequestDelegate next, IOptions<LoadSheddingOptions> options, IProblemDetailsService problems, DecisionMetrics metrics)
    {
        _next = next;
        _problems = problems;
        _metrics = metrics;
        _decisions = new ConcurrencyGate(options.Value.MaxConcurrentDecisions);
        _history = new ConcurrencyGate(options.Value.MaxConcurrentHistory);
        _decisionsInFlight = metrics.InFlight(LoadShedder.Decisions);
        _historyInFlight = metrics.InFlight(LoadShedder.History);
    }

    public Task InvokeAsync(HttpContext context)
    {
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<LoadSheddingLimit>();
        if (limit is null)
        {
            return _next(context);
        }

        var (gate, inFlight) = limit.Name == LoadShedder.Decisions ? (_decisions, _decisionsInFlight) : (_history, _historyInFlight);
        return gate.TryEnter() ? PassAsync(gate, inFlight, context) : ShedAsync(limit.Name, context);
    }

    private async Task PassAsync(ConcurrencyGate gate, Prometheus.Gauge.Child inFlight, HttpContext context)
    {
        // The slot is given back however the request ends: answered, failed or abandoned by the client.
        inFlight.Inc();
        try
        {
            await _next(context);
        }
        finally
        {
            inFlight.Dec();
            gate.Exit();
        }
    }

    private async Task ShedAsync(string limit, HttpContext context)
    {
        _metrics.RecordShed(limit);
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = RetryAfterSeconds;
        await _problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Service overloaded",
                Detail = limit == LoadShedder.Decisions
                    ? $"The service is overloaded: too many decision requests are in flight. Nothing was stored; retry after 1 s{IdempotencyKeyRetry.Suffix(context.GetEndpoint())}."
                    : "The service is overloaded: too many history requests are in flight. Retry after 1 s.",
            },
        });
    }
}
