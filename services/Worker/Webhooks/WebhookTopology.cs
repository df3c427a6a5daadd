using RabbitMQ.Client;
using Worker.Outbox;

namespace Worker.Webhooks;

// The broker objects webhooks need: the events exchange, the consumer's durable quorum queue bound to it for every
// event type, and the dead-letter exchange and queue. Declared (idempotently) by the consumer and by the outbox relay
// before it publishes, so that no event is published before the queue that keeps it for webhooks exists.
public static class WebhookTopology
{
    public static async Task DeclareAsync(IChannel channel, OutboxOptions broker, WebhookDeliveryOptions options, CancellationToken cancellationToken)
    {
        var quorum = new Dictionary<string, object?> { ["x-queue-type"] = "quorum" };
        await channel.ExchangeDeclareAsync(broker.Exchange, ExchangeType.Topic, durable: true, autoDelete: false, cancellationToken: cancellationToken);
        await channel.ExchangeDeclareAsync(options.DeadLetterExchange, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: cancellationToken);
        await channel.QueueDeclareAsync(options.DeadLetterQueue, durable: true, exclusive: false, autoDelete: false, quorum, cancellationToken: cancellationToken);
        await channel.QueueBindAsync(options.DeadLetterQueue, options.DeadLetterExchange, "", cancellationToken: cancellationToken);
        // Messages the broker itself dead-letters (rejected elsewhere) reach the same place.
        var queue = new Dictionary<string, object?>(quorum) { ["x-dead-letter-exchange"] = options.DeadLetterExchange };
        await channel.QueueDeclareAsync(options.Queue, durable: true, exclusive: false, autoDelete: false, queue, cancellationToken: cancellationToken);
        await channel.QueueBindAsync(options.Queue, broker.Exchange, "#", cancellationToken: cancellationToken);
    }
}
