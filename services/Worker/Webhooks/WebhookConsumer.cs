using Microsoft.Extensions.Options;
using Npgsql;
using Prometheus;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using Worker.Outbox;

namespace Worker.Webhooks;

// Consumes the events exchange for webhooks from its own durable quorum queue, with manual acks and a prefetch limit.
// A message is acked only after its deliveries are committed (WebhookInbox: a redelivery creates nothing). A database
// failure is retried here while the message stays unacked, so a long outage neither loses nor dead-letters it; a
// message that can never be delivered (no id, unknown type, no tenant, not JSON) is published to the dead-letter
// exchange with the reason, confirmed, and only then acked, so it never blocks the queue. Several Workers share the
// queue; the broker gives each message to one of them at a time.
public sealed class WebhookConsumer : BackgroundService
{
    public const string DeadReasonHeader = "x-decisioning-dead-reason";

    private readonly WebhookInbox _inbox;
    private readonly OutboxOptions _broker;
    private readonly WebhookDeliveryOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<WebhookConsumer> _logger;
    private readonly Counter _consumed;
    private readonly Gauge _deadLetters;

    public WebhookConsumer(WebhookInbox inbox, IOptions<OutboxOptions> broker, IOptions<WebhookDeliveryOptions> options, TimeProvider clock, IMetricFactory metrics, ILogger<WebhookConsumer> logger)
    {
        _inbox = inbox;
        _broker = broker.Value;
        _options = options.Value;
        _clock = clock;
        _logger = logger;
        _consumed = metrics.CreateCounter("decisioning_webhook_messages_total",
            "Event messages the webhook consumer took from its queue, by result: accepted (deliveries created), duplicate (redelivered, nothing created) or dead_lettered.", ["result"]);
        foreach (var result in new[] { "accepted", "duplicate", "dead_lettered" })
        {
            _consumed.WithLabels(result);
        }

        _deadLetters = metrics.CreateGauge("decisioning_webhook_dead_letter_messages", "Messages waiting in the webhook consumer's dead-letter queue.",
            new GaugeConfiguration { SuppressInitialValue = true });
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (string.IsNullOrEmpty(_broker.RabbitMqUri))
        {
            _logger.LogInformation("The webhook consumer is off: Outbox:RabbitMqUri is not set.");
            return;
        }

        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ConsumeAsync(() => failures = 0, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                _deadLetters.Unpublish();
                var delay = TimeSpan.FromSeconds(Math.Min(30, Math.Pow(2, failures++)));
                _logger.LogWarning("The webhook consumer lost the broker ({Error}); reconnecting in {Seconds} s", ex.Message, delay.TotalSeconds);
                await Task.Delay(delay, _clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    // Returns (throws) when the connection is lost; every unacked message is then redelivered by the broker.
    private async Task ConsumeAsync(Action connected, CancellationToken stoppingToken)
    {
        var factory = new ConnectionFactory
        {
            Uri = new Uri(_broker.RabbitMqUri),
            ClientProvidedName = "decisioning-worker webhook consumer",
            AutomaticRecoveryEnabled = false,
            TopologyRecoveryEnabled = false,
            RequestedConnectionTimeout = TimeSpan.FromSeconds(5),
        };
        await using var connection = await factory.CreateConnectionAsync(stoppingToken);
        var lost = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.ConnectionShutdownAsync += (_, e) =>
        {
            lost.TrySetException(new IOException($"The broker closed the connection: {e.ReplyText}"));
            return Task.CompletedTask;
        };

        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), stoppingToken);
        channel.ChannelShutdownAsync += (_, e) =>
        {
            lost.TrySetException(new IOException($"The broker closed the channel: {e.ReplyText}"));
            return Task.CompletedTask;
        };
        await WebhookTopology.DeclareAsync(channel, _broker, _options, stoppingToken);
        await channel.BasicQosAsync(0, _options.Prefetch, global: false, stoppingToken);

        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, message) => HandleAsync(channel, message, stoppingToken);
        await channel.BasicConsumeAsync(_options.Queue, autoAck: false, consumer, stoppingToken);
        connected();
        _logger.LogInformation("Consuming events for webhooks from queue {Queue}", _options.Queue);

        await using var monitor = await connection.CreateChannelAsync(cancellationToken: stoppingToken);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(15), _clock);
        while (!lost.Task.IsCompleted)
        {
            _deadLetters.Set(await monitor.MessageCountAsync(_options.DeadLetterQueue, stoppingToken));
            await Task.WhenAny(lost.Task, timer.WaitForNextTickAsync(stoppingToken).AsTask());
            stoppingToken.ThrowIfCancellationRequested();
        }

        await lost.Task;
    }

    private async Task HandleAsync(IChannel channel, BasicDeliverEventArgs message, CancellationToken stoppingToken)
    {
        if (WebhookMessage.Read(message.BasicProperties, message.Body.Span, _clock.GetUtcNow(), out var refusal) is not { } webhookMessage)
        {
            await DeadLetterAsync(channel, message, refusal, stoppingToken);
            await channel.BasicAckAsync(message.DeliveryTag, multiple: false, stoppingToken);
            _consumed.WithLabels("dead_lettered").Inc();
            _logger.LogWarning("A message on {Queue} cannot be delivered as a webhook and went to {DeadLetterQueue}: {Reason}", _options.Queue, _options.DeadLetterQueue, refusal);
            return;
        }

        int? created;
        try
        {
            created = await AcceptAsync(webhookMessage, stoppingToken);
        }
        catch (PostgresException ex) when (IsRefusedData(ex))
        {
            await DeadLetterAsync(channel, message, $"The database refused the message's data ({ex.SqlState}).", stoppingToken);
            await channel.BasicAckAsync(message.DeliveryTag, multiple: false, stoppingToken);
            _consumed.WithLabels("dead_lettered").Inc();
            _logger.LogWarning("A message on {Queue} was refused by the database ({SqlState}) and went to {DeadLetterQueue}", _options.Queue, ex.SqlState, _options.DeadLetterQueue);
            return;
        }

        await channel.BasicAckAsync(message.DeliveryTag, multiple: false, stoppingToken);
        _consumed.WithLabels(created is null ? "duplicate" : "accepted").Inc();
    }

    // Until it is stored or the Worker stops: the message stays unacked meanwhile, and the prefetch limit holds the rest.
    private async Task<int?> AcceptAsync(WebhookMessage message, CancellationToken stoppingToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await _inbox.AcceptAsync(message.MessageId, message.TenantId, message.EventType, WebhookInbox.EventIdOf(message.MessageId), message.Body, message.TraceId, stoppingToken);
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException && !IsRefusedData(ex) && !stoppingToken.IsCancellationRequested)
            {
                var delay = TimeSpan.FromSeconds(Math.Min(30, Math.Pow(2, attempt) / 2));
                if (attempt == 0)
                {
                    _logger.LogWarning("Storing the deliveries of message {MessageId} failed ({Error}); retrying with backoff while the message waits unacknowledged", message.MessageId, ex.Message);
                }

                await Task.Delay(delay, _clock, stoppingToken);
            }
        }
    }

    // Data the database refuses (class 22: data exception, 23: integrity violation) is refused again on every retry.
    private static bool IsRefusedData(Exception ex) => ex is PostgresException { SqlState: ['2', '2' or '3', ..] };

    private async Task DeadLetterAsync(IChannel channel, BasicDeliverEventArgs message, string reason, CancellationToken cancellationToken)
    {
        var headers = message.BasicProperties.Headers is { } original ? new Dictionary<string, object?>(original) : [];
        headers[DeadReasonHeader] = reason;
        var properties = new BasicProperties(message.BasicProperties) { Headers = headers, DeliveryMode = DeliveryModes.Persistent };
        // With confirmations tracked, this returns once the broker has the message (and throws if it refuses it).
        await channel.BasicPublishAsync(_options.DeadLetterExchange, message.RoutingKey, mandatory: false, properties, message.Body, cancellationToken);
    }
}
