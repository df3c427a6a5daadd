using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using HdrHistogram;

namespace Decisioning.Benchmarks.OpenModel;

// An open-model load: requests leave on a fixed schedule whether or not earlier ones have been answered, and
// latency runs from the scheduled send time, so time spent queued (in the server or for a connection) counts.
// wrk's closed loop waits for each answer before the next request and so hides that queueing.
public static class OpenModelDriver
{
    private const long MaxMicros = 60_000_000;
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);

    public static async Task<int> RunAsync(string baseUrl, string apiKey, string bodiesPath, string rateList, int seconds, int warmUpSeconds, string csvPath)
    {
        var bodies = JsonSerializer.Deserialize<string[]>(await File.ReadAllTextAsync(bodiesPath))!.Select(Encoding.UTF8.GetBytes).ToArray();
        var rates = rateList.Split(',').Select(r => int.Parse(r, CultureInfo.InvariantCulture)).ToArray();
        if (bodies.Length == 0 || rates.Length == 0 || rates.Any(r => r <= 0) || seconds <= 0)
        {
            Console.Error.WriteLine("open: need at least one body, positive rates and positive seconds.");
            return 2;
        }

        var endpoint = new Uri(baseUrl.TrimEnd('/') + "/v1/decisions");
        var runId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));
        Console.WriteLine($"RUN id={runId}");
        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 1024, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        using var client = new HttpClient(handler) { Timeout = RequestTimeout };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);

        // Warm-up keys differ from the first rate's, or its recorded requests would be cheap idempotent replays.
        if (warmUpSeconds > 0)
        {
            var warm = await RunRateAsync(client, endpoint, bodies, rates[0], warmUpSeconds, $"open-{runId}-warmup-");
            Console.WriteLine(Invariant($"WARMUP rate={rates[0]} sent={warm.Sent} completed={warm.Completed} non2xx={warm.Non2xx} errors={warm.Errors}"));
        }

        var writeHeader = !File.Exists(csvPath) || new FileInfo(csvPath).Length == 0;
        foreach (var rate in rates)
        {
            // Let the server's queues drain so each rate starts from rest.
            await Task.Delay(TimeSpan.FromSeconds(2));
            var r = await RunRateAsync(client, endpoint, bodies, rate, seconds, Invariant($"open-{runId}-{rate}-"));
            var h = r.Latency;
            Console.WriteLine(Invariant($"OPEN rate={rate} sent={r.Sent} achieved_rps={r.AchievedRps:F1} completed={r.Completed} non2xx={r.Non2xx} errors={r.Errors} p50_ms={PercentileMs(h, 50):F3} p99_ms={PercentileMs(h, 99):F3} p999_ms={PercentileMs(h, 99.9):F3} max_ms={(h.GetMaxValue() / 1000.0):F3}"));
            var row = Invariant($"{rate},{r.Sent},{r.AchievedRps:F1},{PercentileMs(h, 50):F3},{PercentileMs(h, 99):F3},{PercentileMs(h, 99.9):F3},{(h.GetMaxValue() / 1000.0):F3},{r.Non2xx},{r.Errors}\n");
            await File.AppendAllTextAsync(csvPath, (writeHeader ? "rate,sent,achieved_rps,p50_ms,p99_ms,p999_ms,max_ms,non2xx,errors\n" : "") + row);
            writeHeader = false;
        }

        return 0;
    }

    private static async Task<RateResult> RunRateAsync(HttpClient client, Uri endpoint, byte[][] bodies, int rate, int seconds, string keyPrefix)
    {
        var result = new RateResult();
        var requests = await Task.Factory.StartNew(() => Schedule(client, endpoint, bodies, rate, seconds, keyPrefix, result), TaskCreationOptions.LongRunning);

        // Every request has its own 10 s timeout; the bound is for one lost to something else. Those count as errors.
        await Task.WhenAny(Task.WhenAll(requests), Task.Delay(RequestTimeout));
        var lost = result.Sent - Interlocked.Read(ref result.Completed) - Interlocked.Read(ref result.Errors);
        if (lost > 0)
        {
            Interlocked.Add(ref result.Errors, lost);
            result.Latency.RecordValueWithCount(Micros(RequestTimeout), lost);
        }

        return result;
    }

    // Runs on a thread of its own and never waits for a response: it starts every request that is due, then sleeps
    // until the next is. A late start is not forgiven: its latency still counts from the scheduled time.
    private static List<Task> Schedule(HttpClient client, Uri endpoint, byte[][] bodies, int rate, int seconds, string keyPrefix, RateResult result)
    {
        var total = (long)rate * seconds;
        var requests = new List<Task>((int)total);
        var t0 = Stopwatch.GetTimestamp();
        for (long i = 0; i < total;)
        {
            var now = Stopwatch.GetTimestamp();
            for (; i < total && t0 + (i * Stopwatch.Frequency / rate) <= now; i++)
            {
                var (scheduled, key, body) = (t0 + (i * Stopwatch.Frequency / rate), keyPrefix + i.ToString(CultureInfo.InvariantCulture), bodies[i % bodies.Length]);
                requests.Add(Task.Run(() => SendAsync(client, endpoint, body, key, scheduled, result)));
            }

            // Sleep(1) takes a little over 1 ms on Linux, so a request may leave up to about 1 ms late, and that counts
            // against the latency; spinning or yielding instead would take a core from the system under test.
            if (i < total)
            {
                Thread.Sleep(1);
            }
        }

        result.Sent = total;
        result.AchievedRps = total / (Stopwatch.GetElapsedTime(t0).TotalSeconds + (1.0 / rate));
        return requests;
    }

    private static async Task SendAsync(HttpClient client, Uri endpoint, byte[] body, string key, long scheduled, RateResult result)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Version = HttpVersion.Version11 };
        request.Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } };
        request.Headers.Add("Idempotency-Key", key);
        try
        {
            // The default completion option buffers the whole body, so the latency ends when the response is read.
            using var response = await client.SendAsync(request);
            result.Latency.RecordValue(Micros(Stopwatch.GetElapsedTime(scheduled)));
            Interlocked.Increment(ref result.Completed);
            if (!response.IsSuccessStatusCode)
            {
                Interlocked.Increment(ref result.Non2xx);
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            result.Latency.RecordValue(Micros(RequestTimeout));
            Interlocked.Increment(ref result.Errors);
        }
    }

    // Microseconds, within the histogram's range (1 µs to a minute).
    private static long Micros(TimeSpan latency) => Math.Clamp(latency.Ticks / TimeSpan.TicksPerMicrosecond, 1, MaxMicros);

    private static double PercentileMs(HistogramBase latency, double percentile) => latency.GetValueAtPercentile(percentile) / 1000.0;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed class RateResult
    {
        // Three significant digits (0.1% error), recorded lock-free from any thread.
        public readonly LongConcurrentHistogram Latency = new(1, MaxMicros, 3);
        public long Sent;
        public double AchievedRps;
        public long Completed;
        public long Non2xx;
        public long Errors;
    }
}
