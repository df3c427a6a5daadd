using System.Net;
using System.Net.Http.Json;
using Decisioning.IntegrationTests.Decisions;
using Decisioning.IntegrationTests.Infrastructure;

namespace Decisioning.IntegrationTests.Webhooks;

public class WebhookRotationTests(Platform platform, RabbitMqFixture rabbit) : IClassFixture<Platform>, IClassFixture<RabbitMqFixture>
{
    [Fact]
    public async Task After_a_rotation_each_delivery_carries_signatures_by_the_new_and_the_old_secret()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (tenant, webhookId, oldSecret, _) = await WebhookDeliveryScene.CreateAsync(platform, rabbit, receiver, ["decision.made.v1"]);
        using var admin = platform.Client(tenant.Admin);

        using var rotated = await admin.PostAsync($"/v1/webhooks/{webhookId}/rotate-secret", null);
        var newSecret = (await rotated.JsonAsync()).GetProperty("secret").GetString()!;
        using var test = await admin.PostAsync($"/v1/webhooks/{webhookId}/test", null);
        var received = await receiver.WaitForAsync(r => r.Count == 1, TimeSpan.FromSeconds(30), "the test event");

        Assert.Equal(HttpStatusCode.Accepted, test.StatusCode);
        Assert.Equal(2, received[0].Signature.Split(' ').Length);
        Assert.Equal("ok", (await WebhookDeliveryScene.VerifySignaturesAsync(newSecret, received)).Trim());
        Assert.Equal("ok", (await WebhookDeliveryScene.VerifySignaturesAsync(oldSecret, received)).Trim());
        Assert.Contains("\"type\":\"webhook.test.v1\"", received[0].Body);
    }
}
