using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using Worker.Webhooks;

namespace Worker.Outbox;

// Publishes outbox events to the events exchange and returns once the broker has confirmed every one of them.
// One connection and one channel, opened on first use and after any failure (the relay calls Reset); the
// exchange (durable, topic) and the webhooks' queue (WebhookTopology) are declared on every connect. A failure throws: the caller leaves the batch unmarked.
public sealed class RabbitMqPublisher(IOptions<OutboxOptions> options, IOptions<WebhookDeliveryOptions> webhooks) : IAsyncDisposable
{
    public const string ActivitySourceName = "Decisioning.Worker";

    private static readonly ActivitySource Source = new(ActivitySourceName);
    private readonly OutboxOptions _options = options.Value;
    private IConnection? _connection;
    private IChannel? _channel;
    private volatile PublishConfirmations? _confirmations;

    public async Task PublishAsync(IReadOnlyList<OutboxEvent> events, CancellationToken cancellationToken)
    {
        var channel = await ConnectAsync(cancellationToken);
        var confirmations = new PublishConfirmations();
        _confirmations = confirmations;
        try
        {
            // Sent one after another on one channel, so the broker receives them in outbox order; confirms are
            // awaited for the whole batch at once rather than one round trip per event.
            foreach (var outboxEvent in events)
            {
                confirmations.Expect(await channel.GetNextPublishSequenceNumberAsync(cancellationToken));
                await PublishOneAsync(channel, outboxEvent, cancellationToken);
            }

            confirmations.Seal();
            await confirmations.Confirmed.WaitAsync(TimeSpan.FromSeconds(_options.ConfirmTimeoutSeconds), cancellationToken);
        }
        finally
        {
            _confirmations = null;
        }
    }

    // Drops the connection, so that the next publish connects afresh.
    public async Task ResetAsync()
    {
        var channel = _channel;
        var connection = _connection;
        _channel = null;
        _connection = null;
        if (channel is not null)
        {
            await channel.AbortAsync();
            await channel.DisposeAsync();
        }

        if (connection is not null)
        {
            await connection.AbortAsync();
            await connection.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync() => await ResetAsync();

    // The W3C traceparent that puts a consumer's spans in the decision's trace: the stored trace id with the span id
    // of this publish (a span of the Worker in that trace), sampled. Null when the event has no valid trace id.
    public static string? TraceParent(string? traceId, ActivitySpanId publishSpanId) =>
        IsTraceId(traceId) ? $"00-{traceId}-{publishSpanId.ToHexString()}-01" : null;

    private async Task PublishOneAsync(IChannel channel, OutboxEvent outboxEvent, CancellationToken cancellationToken)
    {
        using var activity = StartPublishActivity(outboxEvent);
        var headers = new Dictionary<string, object?> { ["tenant_id"] = outboxEvent.TenantId };
        if (TraceParent(outboxEvent.TraceId, activity?.SpanId ?? ActivitySpanId.CreateRandom()) is { } traceParent)
        {
            headers["traceparent"] = traceParent;
        }

        var properties = new BasicProperties
        {
            // The outbox id names the event for good: a redelivery after a failed attempt carries the same id,
            // so consumers deduplicate on it.
            MessageId = outboxEvent.OutboxId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            CorrelationId = outboxEvent.AggregateId.ToString(),
            Type = outboxEvent.EventType,
            ContentType = "application/json",
            ContentEncoding = "utf-8",
            DeliveryMode = DeliveryModes.Persistent,
            Timestamp = new AmqpTimestamp(new DateTimeOffset(DateTime.SpecifyKind(outboxEvent.CreatedAt, DateTimeKind.Utc)).ToUnixTimeSeconds()),
            AppId = "decisioning-worker",
            Headers = headers,
        };
        await channel.BasicPublishAsync(_options.Exchange, outboxEvent.EventType, mandatory: false, properties, Encoding.UTF8.GetBytes(outboxEvent.Payload), cancellationToken);
    }

    // A producer span in the decision's trace. Its parent (the Gateway's span that wrote the event) is not stored,
    // so it hangs under the trace id alone.
    private Activity? StartPublishActivity(OutboxEvent outboxEvent)
    {
        if (!IsTraceId(outboxEvent.TraceId) || !Source.HasListeners())
        {
            return null;
        }

        var parent = new ActivityContext(ActivityTraceId.CreateFromString(outboxEvent.TraceId), default, ActivityTraceFlags.Recorded, isRemote: true);
        var activity = Source.StartActivity("decisioning.events publish", ActivityKind.Producer, parent);
        activity?.SetTag("messaging.system", "rabbitmq");
        activity?.SetTag("messaging.operation.type", "publish");
        activity?.SetTag("messaging.destination.name", _options.Exchange);
        activity?.SetTag("messaging.rabbitmq.destination.routing_key", outboxEvent.EventType);
        activity?.SetTag("messaging.message.id", outboxEvent.OutboxId);
        return activity;
    }

    private static bool IsTraceId(string? traceId) =>
        traceId is { Length: 32 } && traceId.All(c => char.IsAsciiHexDigitLower(c) || char.IsAsciiDigit(c)) && traceId.Any(c => c != '0');

    private async Task<IChannel> ConnectAsync(CancellationToken cancellationToken)
    {
        if (_channel is { IsOpen: true } open)
        {
            return open;
        }

        await ResetAsync();
        var factory = new ConnectionFactory
        {
            Uri = new Uri(_options.RabbitMqUri),
            ClientProvidedName = "decisioning-worker outbox relay",
            // The relay reconnects itself, after its own backoff, and declares what it needs on every connect.
            AutomaticRecoveryEnabled = false,
            TopologyRecoveryEnabled = false,
            RequestedConnectionTimeout = TimeSpan.FromSeconds(5),
        };
        _connection = await factory.CreateConnectionAsync(cancellationToken);
        var channel = await _connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: false), cancellationToken);
        _channel = channel;
        channel.BasicAcksAsync += (_, e) =>
        {
            _confirmations?.Ack(e.DeliveryTag, e.Multiple);
            return Task.CompletedTask;
        };
        channel.BasicNacksAsync += (_, e) =>
        {
            _confirmations?.Nack(e.DeliveryTag, e.Multiple);
            return Task.CompletedTask;
        };
        channel.ChannelShutdownAsync += (_, e) =>
        {
            _confirmations?.Fail(new IOException($"The broker channel closed before confirming: {e.ReplyCode} {e.ReplyText}"));
            return Task.CompletedTask;
        };
        // The exchange, and the webhooks' queue bound to it: an event published before the consumer first started is kept.
        await WebhookTopology.DeclareAsync(channel, _options, webhooks.Value, cancellationToken);
        return channel;
    }
}
