using Dapper;
using Decisioning.Data;
using Microsoft.Extensions.Options;
using Npgsql;
using Quartz;

namespace Worker.Partitions;

// Keeps the decisions table's monthly partitions ready ahead of time and detaches the months past retention. Run by
// the scheduler (job "partition-maintenance"); a failed run is recorded and the next occurrence tries again.
[DisallowConcurrentExecution]
public sealed class PartitionMaintenanceJob(NpgsqlDataSource dataSource, IOptions<PartitionOptions> options, ILogger<PartitionMaintenanceJob> logger) : IJob
{
    public const string Name = "partition-maintenance";

    // Every ten minutes: two idempotent function calls, so a month boundary or a changed retention is acted on soon.
    public const string DefaultCron = "0 */10 * * * ?";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
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
