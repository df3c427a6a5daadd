using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Dapper;
using Npgsql;

namespace Decisioning.Benchmarks.Faults;

// What the run must prove once the load has stopped and the platform has drained: every acknowledged decision is
// stored and readable with the body the client saw, no request has two decisions, every stored decision's event
// reached RabbitMQ and its webhook was delivered (received) or is dead. Problems are counted per request.
public sealed class FaultChecks(NpgsqlDataSource database, HttpClient client, string baseUrl, string analystKey)
{
    public sealed record Verdict(bool Lost, bool Duplicated, string? Why);

    public sealed record StoredDecision(string ApplicationId, Guid DecisionId, string Document);

    public async Task<List<StoredDecision>> StoredAsync(string runId)
    {
        await using var connection = await database.OpenConnectionAsync();
        var rows = await connection.QueryAsync<StoredDecision>(
            "SELECT application_id AS ApplicationId, decision_id AS DecisionId, document::text AS Document FROM decisions WHERE tenant_id = 'demo' AND application_id LIKE @Prefix",
            new { Prefix = $"LA-F{runId}-%" });
        return [.. rows];
    }

    // Waits (at most `seconds`) until the outbox is relayed and the endpoint's deliveries are all delivered or dead.
    public async Task<string> DrainAsync(Guid endpointId, int decisions, int seconds)
    {
        var clock = Stopwatch.StartNew();
        var state = "";
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            try
            {
                await using var connection = await database.OpenConnectionAsync();
                var unpublished = await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM outbox WHERE published_at IS NULL");
                var deliveries = (await connection.QueryAsync<(string Status, long Count)>(
                    "SELECT status, count(*) FROM webhook_deliveries WHERE endpoint_id = @EndpointId GROUP BY status", new { EndpointId = endpointId })).ToList();
                var total = deliveries.Sum(d => d.Count);
                var open = deliveries.Where(d => d.Status is "pending" or "failed").Sum(d => d.Count);
                state = $"outbox unpublished {unpublished}, deliveries {string.Join(' ', deliveries.Select(d => $"{d.Status}={d.Count}"))} for {decisions} decisions";
                if (unpublished == 0 && total >= decisions && open == 0)
                {
                    return $"drained in {clock.Elapsed.TotalSeconds:F0}s: {state}";
                }
            }
            catch (NpgsqlException)
            {
            }

            await Task.Delay(TimeSpan.FromSeconds(2));
        }

        return $"not drained after {seconds}s: {state}";
    }

    public async Task<Dictionary<Guid, string>> DeliveryStatusAsync(Guid endpointId)
    {
        await using var connection = await database.OpenConnectionAsync();
        var rows = await connection.QueryAsync<(string DecisionId, string Status)>(
            "SELECT body::jsonb -> 'data' ->> 'decisionId', status FROM webhook_deliveries WHERE endpoint_id = @EndpointId", new { EndpointId = endpointId });
        var statuses = new Dictionary<Guid, string>();
        foreach (var (decisionId, status) in rows)
        {
            var id = Guid.Parse(decisionId);
            statuses[id] = statuses.ContainsKey(id) ? "duplicated" : status;
        }

        return statuses;
    }

    // GET /v1/decisions/{id} for every acknowledged request, a few at a time.
    public async Task<ConcurrentDictionary<Guid, string>> ReadBackAsync(IEnumerable<Guid> decisionIds)
    {
        var documents = new ConcurrentDictionary<Guid, string>();
        await Parallel.ForEachAsync(decisionIds, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (id, _) =>
        {
            for (var attempt = 0; attempt < 20; attempt++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, $"{baseUrl}/v1/decisions/{id}");
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", analystKey);
                try
                {
                    using var response = await client.SendAsync(request);
                    if (response.IsSuccessStatusCode)
                    {
                        documents[id] = await response.Content.ReadAsStringAsync();
                        return;
                    }

                    if ((int)response.StatusCode is 404)
                    {
                        return;
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                }

                await Task.Delay(500);
            }
        });
        return documents;
    }

    public static Verdict Judge(
        TrackedRequest request,
        IReadOnlyList<StoredDecision> stored,
        IReadOnlyDictionary<Guid, string> readBack,
        ILookup<string, string?> eventIdsByDecision,
        IReadOnlyDictionary<Guid, string> deliveries,
        WebhookSink sink)
    {
        if (stored.Count > 1)
        {
            return new Verdict(false, true, $"{stored.Count} decisions stored for one Idempotency-Key");
        }

        if (stored.Count == 0)
        {
            return request.AcknowledgedBody is null ? new Verdict(false, false, null) : new Verdict(true, false, "acknowledged but not stored");
        }

        var decision = stored[0];
        if (request.AcknowledgedBody is { } body)
        {
            if (request.DecisionId != decision.DecisionId)
            {
                return new Verdict(false, true, "acknowledged a decision other than the one stored");
            }

            if (!JsonNode.DeepEquals(JsonNode.Parse(body), JsonNode.Parse(decision.Document)))
            {
                return new Verdict(true, false, "stored document differs from the acknowledged body");
            }

            if (!ReadsBackAs(body, readBack.GetValueOrDefault(decision.DecisionId)))
            {
                return new Verdict(true, false, "GET /v1/decisions/{id} does not return the acknowledged body");
            }
        }

        var events = eventIdsByDecision[decision.DecisionId.ToString()].Distinct().Count();
        if (events == 0)
        {
            return new Verdict(true, false, "event not in RabbitMQ");
        }

        if (events > 1)
        {
            return new Verdict(false, true, "two events (distinct message ids) for one decision");
        }

        var received = sink.IdsByDecision.TryGetValue(decision.DecisionId, out var ids) ? ids.Count : 0;
        if (received > 1)
        {
            return new Verdict(false, true, "two webhook ids for one decision");
        }

        return deliveries.GetValueOrDefault(decision.DecisionId) switch
        {
            "delivered" when received == 1 => new Verdict(false, false, null),
            "dead" => new Verdict(false, false, null),
            "duplicated" => new Verdict(false, true, "two webhook deliveries for one decision"),
            null => new Verdict(true, false, "no webhook delivery"),
            var status => new Verdict(true, false, $"webhook {status}, received {received}"),
        };
    }

    // A referral's GET shows its review case beside the stored document, which is otherwise returned as it is.
    private static bool ReadsBackAs(string acknowledged, string? read)
    {
        if (read is null || JsonNode.Parse(read) is not JsonObject document)
        {
            return false;
        }

        document.Remove("review");
        return JsonNode.DeepEquals(JsonNode.Parse(acknowledged), document);
    }
}
