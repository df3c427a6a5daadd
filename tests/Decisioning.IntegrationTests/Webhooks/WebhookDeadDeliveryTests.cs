using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Decisioning.IntegrationTests.Decisions;
using Decisioning.IntegrationTests.Infrastructure;
using Decisioning.IntegrationTests.Observability;

namespace Decisioning.IntegrationTests.Webhooks;

public class WebhookDeadDeliveryTests(Platform platform, RabbitMqFixture rabbit) : IClassFixture<Platform>, IClassFixture<RabbitMqFixture>
{
    [Fact]
    public async Task A_receiver_that_always_fails_ends_dead_until_redriven_and_one_that_answers_410_is_disabled()
    {
        await using var failing = await WebhookReceiver.StartAsync();
        await using var gone = await WebhookReceiver.StartAsync();
        failing.Answer = (_, _) => 500;
        gone.Answer = (_, _) => 410;
        var (tenant, failingId, _, _) = await WebhookDeliveryScene.CreateAsync(platform, rabbit, failing, ["decision.made.v1"], retries: 2);
        using var admin = platform.Client(tenant.Admin);
        var goneId = (await (await admin.PostAsJsonAsync("/v1/webhooks", new { url = gone.Url.ToString(), events = new[] { "decision.made.v1" } })).JsonAsync()).GetProperty("id").GetGuid();
        using var decider = platform.Client(tenant.Decider);

        Assert.Equal(HttpStatusCode.Created, (await decider.PostDecisionAsync(Applications.LowRisk())).StatusCode);
        await failing.WaitForAsync(r => r.Count >= 3, TimeSpan.FromSeconds(30), "three attempts at the failing receiver");
        await gone.WaitForAsync(r => r.Count >= 1, TimeSpan.FromSeconds(30), "one attempt at the receiver that is gone");
        var dead = await WebhookDeliveryScene.WaitForDeliveryAsync(admin, failingId, "dead");
        var goneDelivery = await WebhookDeliveryScene.WaitForDeliveryAsync(admin, goneId, "dead");
        var goneEndpoint = await admin.GetFromJsonAsync<JsonElement>($"/v1/webhooks/{goneId}");

        Assert.Equal(3, failing.Received.Count);
        Assert.Equal(3, dead.GetProperty("attempts").GetInt32());
        Assert.Equal(500, dead.GetProperty("lastStatusCode").GetInt32());
        Assert.Equal("HTTP 500: receiver says no", dead.GetProperty("lastError").GetString());
        Assert.Equal(JsonValueKind.Null, dead.GetProperty("nextAttemptAt").ValueKind);
        Assert.Single(gone.Received);
        Assert.Equal(410, goneDelivery.GetProperty("lastStatusCode").GetInt32());
        Assert.NotEqual(JsonValueKind.Null, goneEndpoint.GetProperty("disabledAt").ValueKind);
        var scrape = await Scrape.UntilAsync(platform.WorkerAdminAddress, s => s.Sum("decisioning_webhook_dead_deliveries") >= 2);
        Assert.Equal(1, scrape.Sum("decisioning_webhook_deliveries_total", ("outcome", "gone")));
        Assert.Equal(1, scrape.Sum("decisioning_webhook_deliveries_total", ("outcome", "dead")));

        // Fixed, then redriven: delivered once, with the same webhook-id.
        failing.Answer = (_, _) => 200;
        var deliveryId = dead.GetProperty("deliveryId").GetGuid();
        using var redrive = await admin.PostAsync($"/v1/webhooks/{failingId}/deliveries/{deliveryId}/redrive", null);
        using var redriveGone = await admin.PostAsync($"/v1/webhooks/{goneId}/deliveries/{goneDelivery.GetProperty("deliveryId").GetGuid()}/redrive", null);
        await failing.WaitForAsync(r => r.Any(x => x.Status == 200), TimeSpan.FromSeconds(30), "the redriven delivery");
        var delivered = await WebhookDeliveryScene.WaitForDeliveryAsync(admin, failingId, "delivered");

        Assert.Equal(HttpStatusCode.Accepted, redrive.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, redriveGone.StatusCode);
        Assert.Single(failing.Received.Select(r => r.Id).Distinct());
        Assert.Single(failing.Received, r => r.Status == 200);
        Assert.Equal(4, delivered.GetProperty("attempts").GetInt32());

        // A disabled endpoint gets nothing more.
        Assert.Equal(HttpStatusCode.Created, (await decider.PostDecisionAsync(Applications.LowRisk())).StatusCode);
        await failing.WaitForAsync(r => r.Count(x => x.Status == 200) >= 2, TimeSpan.FromSeconds(30), "the second decision at the working receiver");
        Assert.Single(gone.Received);
    }
}
