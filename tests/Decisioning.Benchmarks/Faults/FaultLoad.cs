using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Decisioning.Benchmarks.Faults;

// A steady load of decisions at a fixed rate, each with its own Idempotency-Key and application id, sent the way a
// lending app would: a connection error, a timeout, a 5xx or a 429 is retried with the same key and body after a
// backoff (or the Retry-After it was given) until it is acknowledged or the retry deadline passes.
public sealed class FaultLoad(HttpClient client, Uri endpoint, string runId)
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);

    public ConcurrentDictionary<string, long> Statuses { get; } = new();

    // Sends until the stop file exists (or maxSeconds), then waits for every request to end; one that is still
    // failing at retryDeadline ends unacknowledged.
    public async Task<List<TrackedRequest>> RunAsync(JsonObject[] bodies, int rate, string stopFile, int maxSeconds, TimeSpan retryAfterStop)
    {
        var requests = new List<TrackedRequest>();
        var sends = new List<Task>();
        var deadline = new DeadlineHolder();
        var t0 = Stopwatch.GetTimestamp();
        var start = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var lastStopCheck = 0L;
        for (long i = 0; ;)
        {
            var elapsed = Stopwatch.GetElapsedTime(t0);
            if (elapsed.TotalSeconds >= maxSeconds)
            {
                break;
            }

            if (elapsed.TotalMilliseconds - lastStopCheck >= 100)
            {
                lastStopCheck = (long)elapsed.TotalMilliseconds;
                if (File.Exists(stopFile))
                {
                    break;
                }
            }

            for (; i * 1000 / rate <= elapsed.TotalMilliseconds; i++)
            {
                var suffix = i.ToString(CultureInfo.InvariantCulture);
                var applicationId = $"LA-F{runId}-{suffix}";
                var body = bodies[i % bodies.Length].DeepClone().AsObject();
                body["applicationId"] = applicationId;
                var request = new TrackedRequest($"faults-{runId}-{suffix}", applicationId, start + (i * 1000 / rate), Encoding.UTF8.GetBytes(body.ToJsonString()));
                requests.Add(request);
                sends.Add(Task.Run(() => SendAsync(request, deadline)));
            }

            Thread.Sleep(1);
        }

        deadline.At = Stopwatch.GetTimestamp() + (long)(retryAfterStop.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(sends);
        return requests;
    }

    private async Task SendAsync(TrackedRequest request, DeadlineHolder deadline)
    {
        var backoff = TimeSpan.FromMilliseconds(250);
        while (true)
        {
            request.Attempts++;
            TimeSpan? retryAfter = null;
            try
            {
                using var message = new HttpRequestMessage(HttpMethod.Post, endpoint) { Version = HttpVersion.Version11 };
                message.Content = new ByteArrayContent(request.Body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } };
                message.Headers.Add("Idempotency-Key", request.Key);
                using var response = await client.SendAsync(message);
                var status = (int)response.StatusCode;
                var text = await response.Content.ReadAsStringAsync();
                retryAfter = response.Headers.RetryAfter?.Delta;
                Count(status == 503 && retryAfter is null ? "503 without Retry-After" : status.ToString(CultureInfo.InvariantCulture));
                if (status is 200 or 201)
                {
                    var document = JsonNode.Parse(text)!;
                    request.AcknowledgedStatus = status;
                    request.AcknowledgedBody = text;
                    request.DecisionId = document["decisionId"]!.GetValue<Guid>();
                    request.Outcome = document["outcome"]?.GetValue<string>();
                    return;
                }

                if (status < 500 && status != 429)
                {
                    request.RejectedStatus = status;
                    return;
                }

                if (status >= 500 && !(status == 503 && retryAfter is not null))
                {
                    request.Violations++;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException or JsonException)
            {
                Count(e is TaskCanceledException ? "timeout" : "connection error");
            }

            request.Retried = true;
            if (Stopwatch.GetTimestamp() > deadline.At)
            {
                return;
            }

            var wait = retryAfter is { } given ? TimeSpan.FromTicks(Math.Clamp(given.Ticks, TimeSpan.TicksPerMillisecond * 100, MaxBackoff.Ticks)) : backoff;
            await Task.Delay(wait + TimeSpan.FromMilliseconds(Random.Shared.Next(0, 250)));
            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
        }
    }

    private void Count(string status) => Statuses.AddOrUpdate(status, 1, (_, n) => n + 1);

    // Until the load stops, requests retry without end; then they have until At.
    private sealed class DeadlineHolder
    {
        private long at = long.MaxValue;

        public long At
        {
            get => Interlocked.Read(ref at);
            set => Interlocked.Exchange(ref at, value);
        }
    }
}
