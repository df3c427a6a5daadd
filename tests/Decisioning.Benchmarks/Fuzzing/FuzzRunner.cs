using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Decisioning.Benchmarks.Fuzzing;

/// <summary>
/// Sends bad requests to a Gateway on loopback, at most <paramref name="concurrency"/> at a time and for at most
/// <paramref name="timeLimit"/>, judges every answer and checks <c>/health</c> afterwards.
/// </summary>
public sealed class FuzzRunner(Uri gateway, int concurrency, TimeSpan timeLimit)
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    public async Task<FuzzReport> RunAsync(IEnumerable<BadRequest> requests, CancellationToken cancellationToken = default)
    {
        if (!gateway.IsLoopback)
        {
            throw new ArgumentException($"Bad requests go to a Gateway on this machine only, not to {gateway.Host}.", nameof(gateway));
        }

        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = concurrency,
            AllowAutoRedirect = false,
            UseCookies = false,
            ConnectTimeout = TimeSpan.FromSeconds(5),
            // Header values go out byte for byte, so a character above U+007F is a byte that is not UTF-8.
            RequestHeaderEncodingSelector = (_, _) => Encoding.Latin1,
        };
        using var client = new HttpClient(handler) { BaseAddress = gateway, Timeout = RequestTimeout };
        var report = new FuzzReport();
        var clock = Stopwatch.StartNew();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeLimit);
        try
        {
            await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = limit.Token }, async (request, token) =>
            {
                var (status, verdict, detail) = await SendAsync(client, request, token);
                report.Add(request, status, verdict, detail);
            });
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            report.TimedOut = true;
        }

        report.Elapsed = clock.Elapsed;
        report.HealthyAfterwards = await IsHealthyAsync(client, cancellationToken);
        return report;
    }

    // A request that got no answer at all is sent once more: it may have gone out on a pooled connection the server was
    // closing after another request's refusal. It is invalid by construction, so sending it again changes nothing; an
    // answer that is still missing is the failure.
    private static async Task<(int Status, FuzzVerdict Verdict, string Detail)> SendAsync(HttpClient client, BadRequest request, CancellationToken cancellationToken)
    {
        var answer = await SendOnceAsync(client, request, cancellationToken);
        return answer is { Status: 0, Verdict: FuzzVerdict.ServerError } ? await SendOnceAsync(client, request, cancellationToken) : answer;
    }

    private static async Task<(int Status, FuzzVerdict Verdict, string Detail)> SendOnceAsync(HttpClient client, BadRequest request, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), new Uri(request.Target, UriKind.Relative));
        foreach (var (name, value) in request.Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        if (request.Body is not null)
        {
            message.Content = new ByteArrayContent(request.Body);
            if (request.ContentType is not null)
            {
                message.Content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
            }
        }

        HttpResponseMessage response;
        byte[] body;
        try
        {
            response = await client.SendAsync(message, cancellationToken);
            body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // The server may close the connection on a request it will not read (too large); anything else unanswered is a failure.
            return (0, request.ServerLevel ? FuzzVerdict.RefusedByServer : FuzzVerdict.ServerError, $"{ex.GetType().Name}: {ex.Message}");
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            var detail = Excerpt(body);
            if (status < 400)
            {
                return (status, FuzzVerdict.Accepted, detail);
            }

            // POST /graphql refuses a query as GraphQL over HTTP does, with an errors array; its other refusals are problems.
            var problem = IsProblem(response.Content.Headers.ContentType, body, status)
                || (request.Endpoint.EndsWith(" /graphql", StringComparison.Ordinal) && IsGraphQlRefusal(response.Content.Headers.ContentType, body));
            if (status >= 500)
            {
                return (status, status == 503 && problem && detail.Contains("\"Service overloaded\"", StringComparison.Ordinal) ? FuzzVerdict.Shed : FuzzVerdict.ServerError, detail);
            }

            if (problem)
            {
                return (status, status == 429 ? FuzzVerdict.RateLimited : FuzzVerdict.Refused, detail);
            }

            return (status, request.ServerLevel && body.Length == 0 ? FuzzVerdict.RefusedByServer : FuzzVerdict.NotAProblem, $"content-type {response.Content.Headers.ContentType}: {detail}");
        }
    }

    // GraphQL over HTTP: a JSON object with a non-empty "errors" array and no "data", as a GraphQL response media type.
    private static bool IsGraphQlRefusal(MediaTypeHeaderValue? contentType, byte[] body)
    {
        if (contentType?.MediaType is not ("application/graphql-response+json" or "application/json"))
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0
                && !root.TryGetProperty("data", out _);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    // RFC 9457: the problem media type and a JSON object whose "status", when present, is the response's.
    private static bool IsProblem(MediaTypeHeaderValue? contentType, byte[] body, int status)
    {
        if (contentType?.MediaType != "application/problem+json")
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && (!document.RootElement.TryGetProperty("status", out var stated) || (stated.ValueKind == JsonValueKind.Number && stated.GetInt32() == status));
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static async Task<bool> IsHealthyAsync(HttpClient client, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await client.GetAsync("/health", cancellationToken);
            return response.IsSuccessStatusCode && (await response.Content.ReadAsStringAsync(cancellationToken)).Contains("Healthy", StringComparison.Ordinal);
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private static string Excerpt(byte[] body)
    {
        var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 300));
        return body.Length > 300 ? text + "…" : text;
    }
}
