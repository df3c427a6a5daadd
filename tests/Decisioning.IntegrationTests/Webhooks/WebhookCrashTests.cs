using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Decisioning.IntegrationTests.Decisions;
using Decisioning.IntegrationTests.Infrastructure;

namespace Decisioning.IntegrationTests.Webhooks;

public class WebhookCrashTests(Platform platform, RabbitMqFixture rabbit) : IClassFixture<Platform>, IClassFixture<RabbitMqFixture>
{
    [Fact]
    public async Task A_killed_worker_and_a_restarted_broker_lose_no_event_and_create_no_second_delivery()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (tenant, webhookId, _, settings) = await WebhookDeliveryScene.CreateAsync(platform, rabbit, receiver, ["decision.made.v1"]);
        using var decider = platform.Client(tenant.Decider);
        var decisions = new List<Guid>();
        async Task DecideAsync(int count)
        {
            var made = await Task.WhenAll(Enumerable.Range(0, count).Select(async _ =>
            {
                using var response = await decider.PostDecisionAsync(Applications.LowRisk());
                Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                return (await response.JsonAsync()).GetProperty("decisionId").GetGuid();
            }));
            decisions.AddRange(made);
        }

        // Decisions while the Worker consumes and sends, then the Worker killed outright in the middle of it.
        var firstBatch = DecideAsync(15);
        await receiver.WaitForAsync(r => r.Count >= 3, TimeSpan.FromSeconds(30), "the first deliveries");
        await platform.Worker!.SignalAsync("KILL");
        await firstBatch;
        await platform.StartWorkerAsync(settings);

        // The broker stopped while decisions go on (their events wait in the outbox), then started again.
        await rabbit.Server.StopServerAsync();
        await DecideAsync(10);
        await rabbit.Server.StartServerAsync();
        await DecideAsync(5);

        await receiver.WaitForAsync(r => r.Select(x => x.Id).Distinct().Count() >= decisions.Count, TimeSpan.FromSeconds(120), $"{decisions.Count} events delivered");
        await Task.Delay(TimeSpan.FromSeconds(2));
        var received = receiver.Received;
        var delivered = received.GroupBy(r => r.Id)
            .Select(g => JsonDocument.Parse(g.First().Body).RootElement.GetProperty("data").GetProperty("decisionId").GetGuid())
            .ToList();
        // Deliveries the killed Worker had claimed (and maybe sent) are sent again once their lease runs out.
        using var admin = platform.Client(tenant.Admin);
        var deliveries = await admin.GetFromJsonAsync<JsonElement>($"/v1/webhooks/{webhookId}/deliveries?limit=200");
        for (var until = DateTime.UtcNow.AddSeconds(60); deliveries.GetProperty("items").EnumerateArray().Any(d => d.GetProperty("status").GetString() != "delivered") && DateTime.UtcNow < until;)
        {
            await Task.Delay(500);
            deliveries = await admin.GetFromJsonAsync<JsonElement>($"/v1/webhooks/{webhookId}/deliveries?limit=200");
        }

        received = receiver.Received;
        delivered = received.GroupBy(r => r.Id)
            .Select(g => JsonDocument.Parse(g.First().Body).RootElement.GetProperty("data").GetProperty("decisionId").GetGuid())
            .ToList();

        // A receiver that deduplicates by webhook-id sees every event exactly once.
        Assert.Equal(decisions.Order(), delivered.Order());
        Assert.Equal(decisions.Count, deliveries.GetProperty("items").GetArrayLength());
        Assert.All(deliveries.GetProperty("items").EnumerateArray(), d => Assert.Equal("delivered", d.GetProperty("status").GetString()));
    }
}
