using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;

namespace Decisioning.Benchmarks.Faults;

// The load and the checks of the fault matrix (tests/chaos/fault-matrix.sh kills the components meanwhile). It talks
// to the script through files in workDir: it writes `ready` once its queue and webhook endpoint exist, stops sending
// when `stop` appears, reads `phases` ("<unix ms> <component>" at each kill) to charge each request to the fault
// that was current when it was sent, and writes `results.tsv`. Reads FAULTS_DATABASE (a connection string) and
// FAULTS_AMQP (the broker's URI).
public static class FaultMatrixDriver
{
    private const string DeciderKey = "demo-decider-key";
    private const string AnalystKey = "demo-analyst-key";
    private const string AdminKey = "demo-admin-key";

    public static async Task<int> RunAsync(string baseUrl, string bodiesPath, int rate, string workDir)
    {
        var database = Environment.GetEnvironmentVariable("FAULTS_DATABASE") ?? throw new InvalidOperationException("FAULTS_DATABASE is not set.");
        var amqp = Environment.GetEnvironmentVariable("FAULTS_AMQP") ?? throw new InvalidOperationException("FAULTS_AMQP is not set.");
        var maxSeconds = Setting("FAULTS_MAX_SECONDS", 1800);
        var retrySeconds = Setting("FAULTS_RETRY_SECONDS", 120);
        var drainSeconds = Setting("FAULTS_DRAIN_SECONDS", 300);
        var bodies = JsonSerializer.Deserialize<string[]>(await File.ReadAllTextAsync(bodiesPath))!.Select(b => JsonNode.Parse(b)!.AsObject()).ToArray();
        var runId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));
        var queue = $"faults-{runId}";
        Console.WriteLine($"RUN id={runId} rate={rate}/s");

        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 512, ConnectTimeout = TimeSpan.FromSeconds(3) }) { Timeout = TimeSpan.FromSeconds(10) };
        await EventTap.DeclareAsync(amqp, queue);
        await using var sink = await WebhookSink.StartAsync();
        var endpointId = await RegisterWebhookAsync(client, baseUrl, sink.Url);
        await File.WriteAllTextAsync(Path.Combine(workDir, "ready"), "");

        using var decider = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1024, ConnectTimeout = TimeSpan.FromSeconds(3) }) { Timeout = TimeSpan.FromSeconds(10) };
        decider.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DeciderKey);
        var load = new FaultLoad(decider, new Uri(baseUrl.TrimEnd('/') + "/v1/decisions"), runId);
        var requests = await load.RunAsync(bodies, rate, Path.Combine(workDir, "stop"), maxSeconds, TimeSpan.FromSeconds(retrySeconds));
        Console.WriteLine($"LOAD sent={requests.Count} statuses: {string.Join(", ", load.Statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}={s.Value}"))}");

        await using var dataSource = NpgsqlDataSource.Create(database);
        var checks = new FaultChecks(dataSource, client, baseUrl.TrimEnd('/'), AnalystKey);
        var stored = (await checks.StoredAsync(runId)).ToLookup(d => d.ApplicationId);
        Console.WriteLine($"DRAIN {await checks.DrainAsync(endpointId, stored.Sum(g => g.Count()), drainSeconds)}");
        var events = (await EventTap.DrainAsync(amqp, queue)).ToLookup(e => e.DecisionId ?? "", e => e.MessageId);
        var deliveries = await checks.DeliveryStatusAsync(endpointId);
        var readBack = await checks.ReadBackAsync(requests.Where(r => r.DecisionId is not null).Select(r => r.DecisionId!.Value));
        Console.WriteLine($"CHECKED stored={stored.Sum(g => g.Count())} events={events.Count} deliveries={deliveries.Count} webhooks_received={sink.Received} webhook_ids={sink.IdsByDecision.Count} read_back={readBack.Count}");

        var phases = ReadPhases(Path.Combine(workDir, "phases"));
        var tallies = new SortedDictionary<int, PhaseTally>();
        var problems = 0;
        foreach (var request in requests)
        {
            var index = phases.FindLastIndex(p => p.StartUnixMs <= request.ScheduledUnixMs);
            var tally = tallies.TryGetValue(index, out var found) ? found : tallies[index] = new PhaseTally(index < 0 ? "none" : phases[index].Component);
            var verdict = FaultChecks.Judge(request, [.. stored[request.ApplicationId]], readBack, events, deliveries, sink);
            if (verdict.Why is not null && problems++ < 20)
            {
                Console.WriteLine($"PROBLEM key={request.Key} decision={request.DecisionId} ack={request.AcknowledgedStatus} rejected={request.RejectedStatus}: {verdict.Why}");
            }

            tally.Add(request, verdict);
        }

        // One line per kill; the script sums them by component.
        await File.WriteAllLinesAsync(Path.Combine(workDir, "results.tsv"), tallies.Values.Select(t => t.ToTsv()));
        return 0;
    }

    private static async Task<Guid> RegisterWebhookAsync(HttpClient client, string baseUrl, string url)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"{baseUrl.TrimEnd('/')}/v1/webhooks")
            {
                Content = JsonContent.Create(new { url, events = new[] { "decision.made.v1" }, description = "fault matrix" }),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
            using var response = await client.SendAsync(request);
            if (response.IsSuccessStatusCode)
            {
                var created = await response.Content.ReadFromJsonAsync<JsonObject>();
                return created!["id"]!.GetValue<Guid>();
            }

            if (attempt >= 10)
            {
                throw new InvalidOperationException($"Registering the webhook endpoint answered {(int)response.StatusCode}.");
            }

            await Task.Delay(1000);
        }
    }

    private sealed class PhaseTally(string component)
    {
        private int requests, acknowledged, lost, duplicated, violations, retried, replayed, referred;

        public void Add(TrackedRequest request, FaultChecks.Verdict verdict)
        {
            requests++;
            acknowledged += request.AcknowledgedBody is null ? 0 : 1;
            lost += verdict.Lost ? 1 : 0;
            duplicated += verdict.Duplicated ? 1 : 0;
            violations += request.Violations;
            retried += request.Retried && request.AcknowledgedBody is not null ? 1 : 0;
            replayed += request.AcknowledgedStatus == 200 ? 1 : 0;
            referred += request.Outcome == "refer" ? 1 : 0;
        }

        public string ToTsv() => string.Join('\t', component, requests, acknowledged, lost, duplicated, violations, retried, replayed, referred);
    }

    private static List<(long StartUnixMs, string Component)> ReadPhases(string path) =>
        File.Exists(path)
            ? [.. File.ReadAllLines(path).Where(l => l.Length > 0).Select(l => l.Split(' ')).Select(p => (long.Parse(p[0], CultureInfo.InvariantCulture), p[1]))]
            : [];

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), CultureInfo.InvariantCulture, out var value) ? value : fallback;
}
