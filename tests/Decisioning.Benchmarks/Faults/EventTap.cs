using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Decisioning.Benchmarks.Faults;

// A consumer's queue on decisioning.events, declared before the load starts so that no event is published while
// nothing is bound: a durable quorum queue (it survives the broker's kill -9), read once the run is over.
public static class EventTap
{
    private const string Exchange = "decisioning.events";

    public static async Task DeclareAsync(string uri, string queue)
    {
        await using var connection = await new ConnectionFactory { Uri = new Uri(uri) }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.ExchangeDeclareAsync(Exchange, ExchangeType.Topic, durable: true, autoDelete: false);
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, new Dictionary<string, object?> { ["x-queue-type"] = "quorum" });
        await channel.QueueBindAsync(queue, Exchange, "#");
    }

    // Every message in the queue (message id, correlation id = decision id), then the queue is deleted.
    public static async Task<List<(string? MessageId, string? DecisionId)>> DrainAsync(string uri, string queue)
    {
        await using var connection = await new ConnectionFactory { Uri = new Uri(uri) }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var messages = new List<(string?, string?)>();
        var last = DateTime.UtcNow;
        await channel.BasicQosAsync(0, 2000, false);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += async (_, delivery) =>
        {
            lock (messages)
            {
                messages.Add((delivery.BasicProperties.MessageId, delivery.BasicProperties.CorrelationId));
                last = DateTime.UtcNow;
            }

            await channel.BasicAckAsync(delivery.DeliveryTag, false);
        };
        await channel.BasicConsumeAsync(queue, autoAck: false, consumer);
        while (true)
        {
            await Task.Delay(500);
            lock (messages)
            {
                if (DateTime.UtcNow - last > TimeSpan.FromSeconds(3))
                {
                    break;
                }
            }
        }

        await channel.QueueDeleteAsync(queue);
        lock (messages)
        {
            return [.. messages];
        }
    }

}
