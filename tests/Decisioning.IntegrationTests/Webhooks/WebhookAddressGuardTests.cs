using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Decisioning.IntegrationTests.Decisions;
using Decisioning.IntegrationTests.Infrastructure;

namespace Decisioning.IntegrationTests.Webhooks;

public class WebhookAddressGuardTests(Platform platform, RabbitMqFixture rabbit) : IClassFixture<Platform>, IClassFixture<RabbitMqFixture>
{
    [Fact]
    public async Task A_sender_that_does_not_allow_loopback_refuses_to_connect_there_whatever_the_endpoint_says()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        // The Gateway allows loopback (as ./run.sh does), the Worker does not: the check at connection time decides.
        var (tenant, webhookId, _, _) = await WebhookDeliveryScene.CreateAsync(platform, rabbit, receiver, ["decision.made.v1"], retries: 1, workerAllowsLoopback: false);
        using var admin = platform.Client(tenant.Admin);

        Assert.Equal(HttpStatusCode.Created, (await platform.Client(tenant.Decider).PostDecisionAsync(Applications.LowRisk())).StatusCode);
        var dead = await WebhookDeliveryScene.WaitForDeliveryAsync(admin, webhookId, "dead");

        Assert.Equal(2, dead.GetProperty("attempts").GetInt32());
        Assert.Equal(JsonValueKind.Null, dead.GetProperty("lastStatusCode").ValueKind);
        Assert.Contains("not a public address", dead.GetProperty("lastError").GetString());
        Assert.Empty(receiver.Received);
    }
}
