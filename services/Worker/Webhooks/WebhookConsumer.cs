using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Npgsql;
using Prometheus;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using Worker.Outbox;

namespace Worker.Webhooks;

// Consumes the events exchange for webhooks from its own durable quorum queue, with manual acks and a prefetch limit.
// Messages are taken in batches, in the order the broker delivered them: what has arrived while the last batch was
// stored (up to half the prefetch) goes into the inbox in one statement and one commit (WebhookInbox: a redelivery
// creates nothing), and only then is the batch acked, with one ack for all of it. A database failure is retried here
// while the messages stay unacked, so a long outage neither loses nor dead-letters them; a message that can never be
// delivered (no id, unknown type, no tenant, not JSON, or data the database refuses) is published to the dead-letter
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

        // The broker's deliveries go, in order, to a loop that stores and acks them in batches; unacked messages are
        // redelivered by the broker when the connection is lost, so the loop's queue dies with the connection.
        var received = Channel.CreateUnbounded<Received>(new() { SingleReader = true, SingleWriter = true });
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, message) =>
        {
            received.Writer.TryWrite(new Received(message.DeliveryTag, message.RoutingKey, message.BasicProperties, message.Body.ToArray()));
            return Task.CompletedTask;
        };
        using var stopStoring = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var storing = StoreAsync(channel, received.Reader, stopStoring.Token);
        try
        {
            await channel.BasicConsumeAsync(_options.Queue, autoAck: false, consumer, stoppingToken);
            connected();
            _logger.LogInformation("Consuming events for webhooks from queue {Queue}", _options.Queue);

            await using var monitor = await connection.CreateChannelAsync(cancellationToken: stoppingToken);
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(15), _clock);
            while (!lost.Task.IsCompleted && !storing.IsCompleted)
            {
                _deadLetters.Set(await monitor.MessageCountAsync(_options.DeadLetterQueue, stoppingToken));
                await Task.WhenAny(lost.Task, storing, timer.WaitForNextTickAsync(stoppingToken).AsTask());
                stoppingToken.ThrowIfCancellationRequested();
            }

            await (storing.IsCompleted ? storing : lost.Task);
        }
        finally
        {
            // Whatever this connection's loop still holds unacked is redelivered to the next one.
            await stopStoring.CancelAsync();
            await storing.ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private sealed record Received(ulong DeliveryTag, string RoutingKey, IReadOnlyBasicProperties Properties, byte[] Body);

    // Runs until the connection is lost (an ack or a dead-letter publish then throws) or the Worker stops.
    private async Task StoreAsync(IChannel channel, ChannelReader<Received> received, CancellationToken stoppingToken)
    {
        var batchSize = Math.Max(1, _options.Prefetch / 2);
        var batch = new List<Received>(batchSize);
        while (true)
        {
            batch.Add(await received.ReadAsync(stoppingToken));
            while (batch.Count < batchSize && received.TryRead(out var next))
            {
                batch.Add(next);
            }

            await StoreBatchAsync(channel, batch, stoppingToken);
            await channel.BasicAckAsync(batch[^1].DeliveryTag, multiple: true, stoppingToken);
            batch.Clear();
        }
    }

    private async Task StoreBatchAsync(IChannel channel, List<Received> batch, CancellationToken stoppingToken)
    {
        var readable = new List<(Received Received, WebhookMessage Message)>(batch.Count);
        foreach (var message in batch)
        {
            if (WebhookMessage.Read(message.Properties, message.Body, _clock.GetUtcNow(), out var refusal) is { } webhookMessage)
            {
                readable.Add((message, webhookMessage));
            }
            else
            {
                await DeadLetterAsync(channel, message, refusal, stoppingToken);
                _logger.LogWarning("A message on {Queue} cannot be delivered as a webhook and went to {DeadLetterQueue}: {Reason}", _options.Queue, _options.DeadLetterQueue, refusal);
            }
        }

        if (readable.Count == 0)
        {
            return;
        }

        try
        {
            Count(await AcceptAsync([.. readable.Select(r => r.Message)], stoppingToken), readable.Count);
        }
        catch (PostgresException ex) when (IsRefusedData(ex))
        {
            // One message's data spoils the batch: store them one by one, and dead-letter those the database refuses.
            foreach (var (received, message) in readable)
            {
                try
                {
                    Count(await AcceptAsync([message], stoppingToken), 1);
                }
                catch (PostgresException one) when (IsRefusedData(one))
                {
                    await DeadLetterAsync(channel, received, $"The database refused the message's data ({one.SqlState}).", stoppingToken);
                    _logger.LogWarning("A message on {Queue} was refused by the database ({SqlState}) and went to {DeadLetterQueue}", _options.Queue, one.SqlState, _options.DeadLetterQueue);
                }
            }
        }
    }

    private void Count(int fresh, int messages)
    {
        _consumed.WithLabels("accepted").Inc(fresh);
        _consumed.WithLabels("duplicate").Inc(messages - fresh);
    }

    // Until they are stored or the Worker stops: the messages stay unacked meanwhile, and the prefetch limit holds the rest.
    private async Task<int> AcceptAsync(IReadOnlyList<WebhookMessage> messages, CancellationToken stoppingToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await _inbox.AcceptAsync(messages, stoppingToken);
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException && !IsRefusedData(ex) && !stoppingToken.IsCancellationRequested)
            {
                var delay = TimeSpan.FromSeconds(Math.Min(30, Math.Pow(2, attempt) / 2));
                if (attempt == 0)
                {
                    _logger.LogWarning("Storing the deliveries of {Count} messages failed ({Error}); retrying with backoff while the messages wait unacknowledged", messages.Count, ex.Message);
                }

                await Task.Delay(delay, _clock, stoppingToken);
            }
        }
    }

    // Data the database refuses (class 22: data exception, 23: integrity violation) is refused again on every retry.
    private static bool IsRefusedData(Exception ex) => ex is PostgresException { SqlState: ['2', '2' or '3', ..] };

    private async Task DeadLetterAsync(IChannel channel, Received message, string reason, CancellationToken cancellationToken)
    {
        var headers = message.Properties.Headers is { } original ? new Dictionary<string, object?>(original) : [];
        headers[DeadReasonHeader] = reason;
        var properties = new BasicProperties(message.Properties) { Headers = headers, DeliveryMode = DeliveryModes.Persistent };
        // With confirmations tracked, this returns once the broker has the message (and throws if it refuses it).
        await channel.BasicPublishAsync(_options.DeadLetterExchange, message.RoutingKey, mandatory: false, properties, message.Body, cancellationToken);
        _consumed.WithLabels("dead_lettered").Inc();
    }
}
