using System.Net;
using System.Text;
using Decisioning.IntegrationTests.Decisions;
using Decisioning.IntegrationTests.Infrastructure;
using Decisioning.IntegrationTests.Observability;
using RabbitMQ.Client;

namespace Decisioning.IntegrationTests.Webhooks;

public class WebhookPoisonMessageTests(Platform platform, RabbitMqFixture rabbit) : IClassFixture<Platform>, IClassFixture<RabbitMqFixture>
{
    [Fact]
    public async Task Messages_that_cannot_be_delivered_go_to_the_dead_letter_queue_with_the_reason_and_do_not_block_the_rest()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (tenant, _, _, settings) = await WebhookDeliveryScene.CreateAsync(platform, rabbit, receiver, ["decision.made.v1"]);
        using var decider = platform.Client(tenant.Decider);
        // A first decision delivered: the consumer's queue is bound, so what is published next reaches it.
        Assert.Equal(HttpStatusCode.Created, (await decider.PostDecisionAsync(Applications.LowRisk())).StatusCode);
        await receiver.WaitForAsync(r => r.Count == 1, TimeSpan.FromSeconds(30), "the first decision");
        var factory = new ConnectionFactory { Uri = rabbit.Server.AmqpUri };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var tenantHeader = new Dictionary<string, object?> { ["tenant_id"] = Encoding.UTF8.GetBytes(tenant.TenantId) };
        (BasicProperties Properties, string Body)[] poison =
        [
            (new BasicProperties { Type = "decision.made.v1", Headers = tenantHeader }, "{}"),
            (new BasicProperties { MessageId = "poison-2", Type = "decision.exploded.v9", Headers = tenantHeader }, "{}"),
            (new BasicProperties { MessageId = "poison-3", Type = "decision.made.v1", Headers = tenantHeader }, "this is not json"),
            (new BasicProperties { MessageId = "poison-4", Type = "decision.made.v1" }, "{}"),
            // Readable, but the database refuses it (a NUL in text): it spoils the batch it arrives in, whose other
            // messages are then stored one by one.
            (new BasicProperties { MessageId = "poison-5", Type = "decision.made.v1", Headers = new Dictionary<string, object?> { ["tenant_id"] = Encoding.UTF8.GetBytes(tenant.TenantId + "\0") } }, "{}"),
        ];
        foreach (var (properties, body) in poison)
        {
            await channel.BasicPublishAsync(settings["Outbox:Exchange"], "decision.made.v1", mandatory: false, properties, Encoding.UTF8.GetBytes(body));
        }

        Assert.Equal(HttpStatusCode.Created, (await decider.PostDecisionAsync(Applications.LowRisk())).StatusCode);
        await receiver.WaitForAsync(r => r.Count == 2, TimeSpan.FromSeconds(30), "the decision after the poison messages");

        var deadQueue = settings["Webhooks:DeadLetterQueue"];
        var reasons = new List<string>();
        var until = DateTime.UtcNow.AddSeconds(30);
        while (reasons.Count < poison.Length && DateTime.UtcNow < until)
        {
            if (await channel.BasicGetAsync(deadQueue, autoAck: true) is { } message)
            {
                reasons.Add(Encoding.UTF8.GetString((byte[])message.BasicProperties.Headers!["x-decisioning-dead-reason"]!));
            }
            else
            {
                await Task.Delay(100);
            }
        }

        Assert.Equal(
            [
                "The message has no message id (or one over 100 characters).",
                "The message's type is not an event type webhooks deliver.",
                "The message's body is not one JSON object.",
                "The message has no tenant_id header.",
                "The database refused the message's data (22021).",
            ],
            reasons);
        var scrape = await Scrape.UntilAsync(platform.WorkerAdminAddress, s => s.Sum("decisioning_webhook_messages_total", ("result", "dead_lettered")) >= 5);
        Assert.Equal(5, scrape.Sum("decisioning_webhook_messages_total", ("result", "dead_lettered")));
        Assert.Equal(2, scrape.Sum("decisioning_webhook_messages_total", ("result", "accepted")));
        Assert.DoesNotContain("this is not json", platform.Worker!.Output);
    }
}
