using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Npgsql;
using Polly;
using Prometheus;

namespace Worker.Outbox;

// Relays the transactional outbox to RabbitMQ, at least once: claim the oldest unpublished events in a
// transaction, publish them, wait for the broker's confirms, and only then mark them published and commit. Any
// failure rolls the batch back (nothing marked, published again later: consumers deduplicate by message id),
// then waits with exponential backoff and jitter (RelayRetry) before trying again, reconnecting to the broker.
// It is also the Worker's health check "outbox-relay": degraded while relaying fails (events wait, none is lost).
public sealed class OutboxRelay : BackgroundService, IHealthCheck
{
    private static readonly string[] Stages = ["database", "broker", "nack"];

    private readonly NpgsqlDataSource _dataSource;
    private readonly RabbitMqPublisher _publisher;
    private readonly OutboxOptions _options;
    private readonly TimeProvider _clock;
    private readonly ResiliencePipeline _retry;
    private readonly ILogger<OutboxRelay> _logger;
    private readonly Counter _published;
    private readonly Counter _failures;
    private volatile string? _failingStage;
    private int _failedAttempts;

    public OutboxRelay(NpgsqlDataSource dataSource, RabbitMqPublisher publisher, IOptions<OutboxOptions> options, TimeProvider clock, IMetricFactory metrics, ILogger<OutboxRelay> logger)
    {
        _dataSource = dataSource;
        _publisher = publisher;
        _options = options.Value;
        _clock = clock;
        _logger = logger;
        _retry = RelayRetry.Create(_options, OnFailureAsync, clock);
        _published = metrics.CreateCounter("decisioning_outbox_published_total", "Outbox events published to the broker, confirmed and marked published.");
        _failures = metrics.CreateCounter("decisioning_outbox_publish_failures_total",
            "Relay attempts that failed and were rolled back (nothing marked published), by stage: database, broker (connect, publish, confirm) or nack.", ["stage"]);

        // Series that exist from the start, so rates and alerts see zero rather than nothing.
        foreach (var stage in Stages)
        {
            _failures.WithLabels(stage);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (string.IsNullOrEmpty(_options.RabbitMqUri))
        {
            _logger.LogInformation("The outbox relay is off: Outbox:RabbitMqUri is not set, so events stay in the outbox.");
            return;
        }

        _logger.LogInformation("Relaying the outbox to exchange {Exchange} at {Broker}", _options.Exchange, BrokerAddress());
        while (!stoppingToken.IsCancellationRequested)
        {
            int relayed;
            try
            {
                relayed = await _retry.ExecuteAsync(RelayBatchAsync, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }

            _failingStage = null;
            if (_failedAttempts > 0)
            {
                _logger.LogInformation("Relaying the outbox recovered after {Attempts} failed attempts", _failedAttempts);
                _failedAttempts = 0;
            }

            // A full batch suggests more are waiting: go on at once; otherwise poll.
            if (relayed < _options.BatchSize)
            {
                await DelayAsync(TimeSpan.FromMilliseconds(_options.PollMilliseconds), stoppingToken);
            }
        }
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(
            string.IsNullOrEmpty(_options.RabbitMqUri) ? HealthCheckResult.Healthy("The relay is off (no Outbox:RabbitMqUri): events stay in the outbox.")
            : _failingStage is { } stage ? HealthCheckResult.Degraded($"Relaying fails at the {stage} stage: events wait in the outbox and are retried.")
            : HealthCheckResult.Healthy());

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await _publisher.ResetAsync();
    }

    // One round: returns how many events were claimed (published or, for none, nothing to do).
    private async ValueTask<int> RelayBatchAsync(CancellationToken cancellationToken)
    {
        await using var batch = await OutboxBatch.ClaimAsync(_dataSource, _options.BatchSize, cancellationToken);
        if (batch.Events.Count == 0)
        {
            return 0;
        }

        await _publisher.PublishAsync(batch.Events, cancellationToken);
        await batch.MarkPublishedAsync(cancellationToken);
        _published.Inc(batch.Events.Count);
        return batch.Events.Count;
    }

    // A failed attempt, before the wait: counted, shown by the health check, logged once, and the broker connection dropped.
    private async ValueTask OnFailureAsync(Exception ex, TimeSpan delay)
    {
        var stage = Stage(ex);
        _failingStage = stage;
        _failures.WithLabels(stage).Inc();
        // One warning when relaying starts failing, not one per attempt.
        if (_failedAttempts++ == 0)
        {
            _logger.LogWarning("Relaying the outbox failed ({Stage}: {Error}); nothing was marked published, retrying in {DelaySeconds:0.0} s with backoff up to {MaxSeconds} s",
                stage, ex.Message, delay.TotalSeconds, _options.RetryMaxMilliseconds / 1000.0);
        }

        await _publisher.ResetAsync();
    }

    private async Task DelayAsync(TimeSpan delay, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(delay, _clock, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private static string Stage(Exception ex) => ex switch
    {
        PublishNackedException => "nack",
        NpgsqlException => "database",
        _ => "broker",
    };

    // Host and port only: the URI's credentials stay out of the logs.
    private string BrokerAddress()
    {
        var uri = new Uri(_options.RabbitMqUri);
        return $"{uri.Scheme}://{uri.Host}:{(uri.IsDefaultPort ? (uri.Scheme == "amqps" ? 5671 : 5672) : uri.Port)}{uri.AbsolutePath}";
    }
}
