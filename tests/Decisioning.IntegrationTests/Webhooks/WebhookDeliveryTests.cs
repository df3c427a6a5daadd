using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Decisioning.IntegrationTests.Decisions;
using Decisioning.IntegrationTests.Infrastructure;
using Decisioning.IntegrationTests.Observability;
using Decisioning.IntegrationTests.Reviews;

namespace Decisioning.IntegrationTests.Webhooks;

public class WebhookDeliveryTests(Platform platform, RabbitMqFixture rabbit) : IClassFixture<Platform>, IClassFixture<RabbitMqFixture>
{
    [Fact]
    public async Task A_receiver_that_fails_twice_gets_each_event_once_signed_with_the_same_id_after_backing_off()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = (_, before) => before < 2 ? 503 : 204;
        // Room in the schedule for attempts the endpoint's circuit breaker may take while it is open (six failures in a row open it).
        var (tenant, webhookId, secret, _) = await WebhookDeliveryScene.CreateAsync(platform, rabbit, receiver, ["decision.made.v1", "review.resolved.v1"], retries: 8);

        using var decider = platform.Client(tenant.Decider);
        var approved = await (await decider.PostDecisionAsync(Applications.LowRisk())).JsonAsync();
        var referred = await decider.ReferAsync();
        using var resolve = await platform.Client(tenant.Admin).ResolveAsync(referred, "decline", "AFFORDABILITY", "Spoke to the applicant on the phone.");
        Assert.Equal(HttpStatusCode.OK, resolve.StatusCode);

        await receiver.WaitForAsync(r => r.Count(x => x.Status == 204) >= 3, TimeSpan.FromSeconds(60), "three events delivered");
        // Anything sent twice would arrive within the retry schedule's second.
        await Task.Delay(TimeSpan.FromSeconds(3));
        var received = receiver.Received;

        var byId = received.GroupBy(r => r.Id).ToList();
        Assert.Equal(3, byId.Count);
        foreach (var attempts in byId)
        {
            var times = attempts.Select(a => a.ReceivedAt).ToList();
            var gaps = times.Zip(times.Skip(1), (first, second) => (second - first).TotalSeconds).ToList();
            var seen = $"{attempts.Key}: {string.Join(", ", attempts.Select(a => $"{a.Status} at {a.ReceivedAt:HH:mm:ss.fff}"))}";
            Assert.True(attempts.Select(a => a.Status).SequenceEqual([503, 503, 204]), seen);
            // Backoff: a second (±20%) from one attempt's answer to the next attempt.
            Assert.True(gaps.All(g => g is > 0.7 and < 10), seen);
            Assert.Single(attempts.Select(a => a.Body).Distinct());
        }

        var bodies = byId.Select(g => JsonDocument.Parse(g.First().Body).RootElement).ToList();
        var types = bodies.Select(b => b.GetProperty("type").GetString()).Order().ToList();
        Assert.Equal(["decision.made.v1", "decision.made.v1", "review.resolved.v1"], types);
        var approvedEvent = bodies.Single(b => b.GetProperty("data").TryGetProperty("decisionId", out var id) && id.GetGuid() == approved.GetProperty("decisionId").GetGuid()).GetProperty("data");
        Assert.Equal(approved.GetProperty("outcome").GetString(), approvedEvent.GetProperty("outcome").GetString());
        Assert.Equal(approved.GetProperty("offer").GetProperty("aprPct").GetDecimal(), approvedEvent.GetProperty("offer").GetProperty("aprPct").GetDecimal());
        var resolved = bodies.Single(b => b.GetProperty("type").GetString() == "review.resolved.v1").GetProperty("data");
        Assert.Equal("AFFORDABILITY", resolved.GetProperty("reasonCode").GetString());
        Assert.DoesNotContain("Spoke to", string.Join("", received.Select(r => r.Body)));
        Assert.All(received, r => Assert.Equal("application/json", r.ContentType));

        var verified = await WebhookDeliveryScene.VerifySignaturesAsync(secret, received);
        Assert.Equal(received.Count, verified.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(l => l == "ok"));

        using var admin = platform.Client(tenant.Admin);
        var deliveries = await admin.GetFromJsonAsync<JsonElement>($"/v1/webhooks/{webhookId}/deliveries");
        var items = deliveries.GetProperty("items").EnumerateArray().ToList();
        Assert.All(items, d =>
        {
            Assert.Equal("delivered", d.GetProperty("status").GetString());
            // Three sent; more may be counted while the endpoint's circuit was open (not sent, attempts of the schedule).
            Assert.InRange(d.GetProperty("attempts").GetInt32(), 3, 9);
            Assert.Equal(204, d.GetProperty("lastStatusCode").GetInt32());
        });
        var scrape = await Scrape.UntilAsync(platform.WorkerAdminAddress, s => s.Sum("decisioning_webhook_deliveries_total", ("outcome", "delivered")) >= 3);
        // Every attempt that did not deliver is counted: refused or unanswered as retrying, held back by the open circuit as postponed.
        var notDelivered = scrape.Sum("decisioning_webhook_deliveries_total", ("outcome", "retrying")) + scrape.Sum("decisioning_webhook_deliveries_total", ("outcome", "postponed"));
        Assert.Equal(items.Sum(d => d.GetProperty("attempts").GetInt32()) - items.Count, notDelivered);
    }
}
