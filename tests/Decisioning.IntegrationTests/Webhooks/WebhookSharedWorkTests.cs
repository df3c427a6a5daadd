using System.Net;
using Decisioning.IntegrationTests.Decisions;
using Decisioning.IntegrationTests.Infrastructure;
using Decisioning.IntegrationTests.Observability;

namespace Decisioning.IntegrationTests.Webhooks;

public class WebhookSharedWorkTests(Platform platform, RabbitMqFixture rabbit) : IClassFixture<Platform>, IClassFixture<RabbitMqFixture>
{
    [Fact]
    public async Task Two_workers_share_the_deliveries_and_never_send_one_twice()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (tenant, _, _, settings) = await WebhookDeliveryScene.CreateAsync(platform, rabbit, receiver, ["decision.made.v1"]);
        // A second Worker with the same queue and database; small batches, so that both senders take some.
        var secondAdmin = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        var secondSettings = new Dictionary<string, string>(settings)
        {
            ["Kestrel:Endpoints:Admin:Url"] = secondAdmin.ToString(),
            ["ConnectionStrings:Decisioning"] = platform.ConnectionString,
            ["Webhooks:BatchSize"] = "2",
        };
        await using var second = await ServiceProcess.StartAsync("Worker", secondSettings, new Uri(secondAdmin, "/alive").ToString());
        using var decider = platform.Client(tenant.Decider);

        for (var i = 0; i < 6; i++)
        {
            var made = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => decider.PostDecisionAsync(Applications.LowRisk())));
            Assert.All(made, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        }

        await receiver.WaitForAsync(r => r.Count >= 30, TimeSpan.FromSeconds(60), "30 deliveries");
        await Task.Delay(TimeSpan.FromSeconds(2));
        var first = await Scrape.FetchAsync(platform.WorkerAdminAddress);
        var other = await Scrape.FetchAsync(secondAdmin);

        Assert.Equal(30, receiver.Received.Count);
        Assert.Equal(30, receiver.Received.Select(r => r.Id).Distinct().Count());
        var delivered = (First: first.Sum("decisioning_webhook_deliveries_total", ("outcome", "delivered")), Second: other.Sum("decisioning_webhook_deliveries_total", ("outcome", "delivered")));
        Assert.Equal(30, delivered.First + delivered.Second);
        Assert.True(delivered.First > 0 && delivered.Second > 0, $"Both Workers send: {delivered}");
    }
}
