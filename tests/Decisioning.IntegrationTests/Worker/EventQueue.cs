using System.Text;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Decisioning.IntegrationTests.Worker;

/// <summary>
/// A consumer's durable queue bound to an events exchange (every routing key), read with basic.get and acked.
/// It survives a broker restart and reconnects on the next read.
/// </summary>
public sealed class EventQueue : IAsyncDisposable
{
    private readonly Uri _broker;
    private readonly string _exchange;
    private readonly string _queue;
    private IConnection? _connection;
    private IChannel? _channel;

    private EventQueue(Uri broker, string exchange)
    {
        _broker = broker;
        _exchange = exchange;
        _queue = exchange + ".test-consumer";
    }

    /// <summary>Declares the exchange as the relay does (durable topic) and the queue bound to it.</summary>
    public static async Task<EventQueue> BindAsync(Uri broker, string exchange)
    {
        var queue = new EventQueue(broker, exchange);
        await queue.ConnectAsync();
        return queue;
    }

    /// <summary>Reads until <paramref name="done"/> holds for everything received, or <paramref name="timeout"/> passes.</summary>
    public async Task<List<ReceivedEvent>> ReceiveUntilAsync(Func<IReadOnlyList<ReceivedEvent>, bool> done, TimeSpan timeout)
    {
        var received = new List<ReceivedEvent>();
        var until = DateTime.UtcNow + timeout;
        while (!done(received) && DateTime.UtcNow < until)
        {
            var next = await TryGetAsync();
            if (next is null)
            {
                await Task.Delay(100);
            }
            else
            {
                received.Add(next);
            }
        }

        return received;
    }

    /// <summary>Everything that arrives within <paramref name="quiet"/>: after a run, to see that nothing more comes.</summary>
    public Task<List<ReceivedEvent>> ReceiveForAsync(TimeSpan quiet) => ReceiveUntilAsync(_ => false, quiet);

    public async ValueTask DisposeAsync() => await DisconnectAsync();

    /// <summary>Closes the connection, e.g. before the broker is stopped.</summary>
    public async Task DisconnectAsync()
    {
        if (_channel is not null)
        {
            await _channel.AbortAsync();
            await _channel.DisposeAsync();
            _channel = null;
        }

        if (_connection is not null)
        {
            await _connection.AbortAsync();
            await _connection.DisposeAsync();
            _connection = null;
        }
    }

    private async Task<ReceivedEvent?> TryGetAsync()
    {
        try
        {
            if (_channel is not { IsOpen: true })
            {
                await DisconnectAsync();
                await ConnectAsync();
            }

            var message = await _channel!.BasicGetAsync(_queue, autoAck: false);
            if (message is null)
            {
                return null;
            }

            await _channel.BasicAckAsync(message.DeliveryTag, multiple: false);
            var properties = message.BasicProperties;
            return new ReceivedEvent(
                properties.MessageId,
                message.RoutingKey,
                properties.Type,
                properties.ContentType,
                properties.Persistent,
                HeaderText(properties, "tenant_id"),
                HeaderText(properties, "traceparent"),
                Encoding.UTF8.GetString(message.Body.Span));
        }
        catch (Exception ex) when (ex is BrokerUnreachableException or AlreadyClosedException or OperationInterruptedException or IOException)
        {
            // The broker is down or restarting: the caller retries until its deadline.
            await DisconnectAsync();
            return null;
        }
    }

    private static string? HeaderText(IReadOnlyBasicProperties properties, string name) =>
        properties.Headers is { } headers && headers.TryGetValue(name, out var value) && value is byte[] bytes ? Encoding.UTF8.GetString(bytes) : null;

    private async Task ConnectAsync()
    {
        var factory = new ConnectionFactory { Uri = _broker, AutomaticRecoveryEnabled = false, RequestedConnectionTimeout = TimeSpan.FromSeconds(5) };
        _connection = await factory.CreateConnectionAsync();
        _channel = await _connection.CreateChannelAsync();
        await _channel.ExchangeDeclareAsync(_exchange, ExchangeType.Topic, durable: true, autoDelete: false);
        await _channel.QueueDeclareAsync(_queue, durable: true, exclusive: false, autoDelete: false);
        await _channel.QueueBindAsync(_queue, _exchange, "#");
    }
}
