using Dapper;
using Decisioning.Data;
using Microsoft.Extensions.Options;
using Npgsql;
using Prometheus;

namespace Worker.Outbox;

// Reads the outbox's backlog every MonitorIntervalSeconds for /metrics: how many events are unpublished
// and how old the oldest is. A reading older than three intervals is withdrawn: a gap on the dashboard
// says "unknown", a stale number would say "fine".
public sealed class OutboxMonitor : BackgroundService
{
    private const string Backlog = """
        SELECT count(*) AS Pending,
               coalesce(extract(epoch FROM now() - (SELECT created_at FROM outbox WHERE published_at IS NULL ORDER BY outbox_id LIMIT 1)), 0)::double precision AS OldestAgeSeconds
        FROM outbox WHERE published_at IS NULL
        """;

    private readonly NpgsqlDataSource _dataSource;
    private readonly OutboxOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<OutboxMonitor> _logger;
    private readonly Gauge _pending;
    private readonly Gauge _oldestAge;
    private DateTimeOffset _readAt;

    public OutboxMonitor(NpgsqlDataSource dataSource, IOptions<OutboxOptions> options, TimeProvider clock, IMetricFactory metrics, ILogger<OutboxMonitor> logger)
    {
        _dataSource = dataSource;
        _options = options.Value;
        _clock = clock;
        _logger = logger;
        // No series until the first reading.
        var unread = new GaugeConfiguration { SuppressInitialValue = true };
        _pending = metrics.CreateGauge("decisioning_outbox_pending", "Events in the outbox not yet published.", unread);
        _oldestAge = metrics.CreateGauge("decisioning_outbox_oldest_age_seconds", "Age of the oldest unpublished event in the outbox (0 when there is none).", unread);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(_options.MonitorIntervalSeconds), _clock);
        var failing = false;
        do
        {
            try
            {
                await ReadAsync(stoppingToken);
                failing = false;
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
            {
                // One warning when reading starts failing, not one per round.
                if (!failing)
                {
                    _logger.LogWarning("Reading the outbox backlog failed, retrying every {Seconds} s: {Error}", _options.MonitorIntervalSeconds, ex.Message);
                }

                failing = true;
                if (_clock.GetUtcNow() - _readAt > TimeSpan.FromSeconds(3 * _options.MonitorIntervalSeconds))
                {
                    _pending.Unpublish();
                    _oldestAge.Unpublish();
                }
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task ReadAsync(CancellationToken cancellationToken)
    {
        (long Pending, double OldestAgeSeconds) backlog;
        // Timed before the gauges move, so a scrape that shows a reading shows its query too.
        using (DatabaseMetrics.Time("outbox_backlog"))
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
            backlog = await connection.QuerySingleAsync<(long Pending, double OldestAgeSeconds)>(new CommandDefinition(Backlog, cancellationToken: cancellationToken));
        }

        _pending.Set(backlog.Pending);
        _oldestAge.Set(backlog.OldestAgeSeconds);
        _pending.Publish();
        _oldestAge.Publish();
        _readAt = _clock.GetUtcNow();
    }
}
