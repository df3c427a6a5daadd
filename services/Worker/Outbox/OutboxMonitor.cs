using System.Diagnostics.Metrics;
using Dapper;
using Decisioning.Data;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Worker.Outbox;

// Reads the outbox's backlog every MonitorIntervalSeconds for /metrics: how many events are unpublished
// and how old the oldest is. A reading older than three intervals is not shown: a gap on the dashboard
// says "unknown", a stale number would say "fine".
public sealed class OutboxMonitor : BackgroundService
{
    public const string MeterName = "Decisioning.Worker";

    private const string Backlog = """
        SELECT count(*) AS Pending,
               coalesce(extract(epoch FROM now() - (SELECT created_at FROM outbox WHERE published_at IS NULL ORDER BY outbox_id LIMIT 1)), 0)::double precision AS OldestAgeSeconds
        FROM outbox WHERE published_at IS NULL
        """;

    private readonly NpgsqlDataSource _dataSource;
    private readonly OutboxOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<OutboxMonitor> _logger;
    private volatile Reading? _last;

    public OutboxMonitor(NpgsqlDataSource dataSource, IOptions<OutboxOptions> options, TimeProvider clock, IMeterFactory meterFactory, ILogger<OutboxMonitor> logger)
    {
        _dataSource = dataSource;
        _options = options.Value;
        _clock = clock;
        _logger = logger;
        var meter = meterFactory.Create(MeterName);
        meter.CreateObservableGauge("decisioning.outbox.pending", () => Fresh() is { } r ? [new Measurement<long>(r.Pending)] : Array.Empty<Measurement<long>>(),
            "{event}", "Events in the outbox not yet published.");
        meter.CreateObservableGauge("decisioning.outbox.oldest_age", () => Fresh() is { } r ? [new Measurement<double>(r.OldestAgeSeconds)] : Array.Empty<Measurement<double>>(),
            "s", "Age of the oldest unpublished event in the outbox (0 when there is none).");
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
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task ReadAsync(CancellationToken cancellationToken)
    {
        using var timing = DatabaseMetrics.Time("outbox_backlog");
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        var backlog = await connection.QuerySingleAsync<(long Pending, double OldestAgeSeconds)>(new CommandDefinition(Backlog, cancellationToken: cancellationToken));
        _last = new Reading(backlog.Pending, backlog.OldestAgeSeconds, _clock.GetUtcNow());
    }

    private Reading? Fresh() =>
        _last is { } last && _clock.GetUtcNow() - last.ReadAt <= TimeSpan.FromSeconds(3 * _options.MonitorIntervalSeconds) ? last : null;

    private sealed record Reading(long Pending, double OldestAgeSeconds, DateTimeOffset ReadAt);
}
