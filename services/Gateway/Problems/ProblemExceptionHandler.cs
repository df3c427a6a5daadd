using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace Gateway.Problems;

// The one place where failures become RFC 9457 problems: bad bodies are the caller's 4xx, an
// unreachable database is a 503 with Retry-After, anything else a generic 500 that leaks nothing.
public sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (context.RequestAborted.IsCancellationRequested)
        {
            return true;
        }

        var problem = exception switch
        {
            BadHttpRequestException { InnerException: JsonException json } => InvalidJson(json),
            BadHttpRequestException bad => new ProblemDetails { Status = bad.StatusCode, Title = TitleFor(bad.StatusCode), Detail = DetailFor(bad) },
            NpgsqlException or TimeoutException => StoreUnavailable(context, exception),
            _ => null,
        };

        if (problem is null)
        {
            logger.LogError(exception, "Unhandled failure on {Route}", context.GetEndpoint()?.DisplayName);
            problem = new ProblemDetails { Status = 500, Title = "Internal error", Detail = $"The request failed unexpectedly; it can be retried{IdempotencyKeyRetry.Suffix(FailedEndpoint(context))}." };
        }

        context.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    // The exception handler has cleared the request's endpoint by now; its feature keeps the one that failed.
    private static Endpoint? FailedEndpoint(HttpContext context) => context.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? context.GetEndpoint();

    private ProblemDetails StoreUnavailable(HttpContext context, Exception exception)
    {
        logger.LogWarning("Decision store unavailable: {Error}", exception.GetType().Name);
        context.Response.Headers.RetryAfter = "5";
        return new ProblemDetails { Status = 503, Title = "Service unavailable", Detail = $"The decision store is unavailable; retry later{IdempotencyKeyRetry.Suffix(FailedEndpoint(context))}." };
    }

    private static ProblemDetails InvalidJson(JsonException json)
    {
        var field = json.Path is null or "$" ? null : json.Path.TrimStart('$', '.');
        var detail = field is null
            ? $"The request body is not valid JSON (line {json.LineNumber + 1}, byte {json.BytePositionInLine + 1})."
            : $"'{field}' has a value of the wrong type or the body is not valid JSON there.";
        var problem = new HttpValidationProblemDetails { Status = 400, Title = "Invalid request body", Detail = detail };
        if (field is not null)
        {
            problem.Errors[field] = [detail];
        }

        return problem;
    }

    private static string TitleFor(int status) => status switch
    {
        413 => "Request body too large",
        415 => "Unsupported media type",
        _ => "Bad request",
    };

    private static string DetailFor(BadHttpRequestException bad) => bad.StatusCode switch
    {
        413 => "The request body is larger than this endpoint accepts.",
        415 => "Send the body as 'Content-Type: application/json'.",
        _ => bad.Message,
    };
}
