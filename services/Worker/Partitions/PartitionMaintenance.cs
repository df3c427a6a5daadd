using Dapper;
using Decisioning.Data;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Worker.Partitions;

// Keeps the decisions table's monthly partitions ready ahead of time and detaches the months past
// retention: at start, then every IntervalSeconds. A failed round is logged and retried next round.
public sealed class PartitionMaintenance(NpgsqlDataSource dataSource, IOptions<PartitionOptions> options, ILogger<PartitionMaintenance> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.IntervalSeconds));
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
            {
                logger.LogWarning("Partition maintenance failed, retrying in {Seconds} s: {Error}", options.Value.IntervalSeconds, ex.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        using var timing = DatabaseMetrics.Time("partition_maintenance");
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var created = (await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT ensure_decision_partitions(date_trunc('month', now() AT TIME ZONE 'UTC')::date, @MonthsAhead)",
            new { options.Value.MonthsAhead }, cancellationToken: cancellationToken))).AsList();
        var detached = (await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT detach_expired_decision_partitions(@RetentionMonths)",
            new { options.Value.RetentionMonths }, cancellationToken: cancellationToken))).AsList();
        logger.LogInformation(
            "Partitions: {Created} created ({CreatedNames}), {Detached} detached past {Retention} months ({DetachedNames})",
            created.Count, string.Join(", ", created), detached.Count, options.Value.RetentionMonths, string.Join(", ", detached));
    }
}
