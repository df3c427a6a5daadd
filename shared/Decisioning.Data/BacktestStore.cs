using Dapper;
using Npgsql;

namespace Decisioning.Data;

/// <summary>A tenant's backtests, as the API submits, reads and cancels them (the Workers run them).</summary>
public sealed class BacktestStore(NpgsqlDataSource dataSource)
{
    private const string Columns = """
        backtest_id AS BacktestId, status AS Status, range_from AS RangeFrom, range_to AS RangeTo, filters::text AS Filters,
        candidate_policy_version AS CandidatePolicyVersion, candidate_model_version AS CandidateModelVersion, total AS Total,
        processed AS Processed, created_at AS CreatedAt, started_at AS StartedAt, finished_at AS FinishedAt, error AS Error,
        result::text AS Result
        """;

    // range_to never lies after the submission, so decisions made later never join the selection.
    private const string Insert = TenantScope.Prefix + $"""
        INSERT INTO backtests (tenant_id, backtest_id, range_from, range_to, filters, candidate_policy_version, candidate_model_version, created_by)
        VALUES (@TenantId, @BacktestId, @From, least(@To, now()), @Filters::jsonb, @PolicyVersion, @ModelVersion, @CreatedBy)
        RETURNING {Columns}
        """;

    private const string SelectOne = TenantScope.Prefix + $"""
        SELECT {Columns} FROM backtests WHERE tenant_id = @TenantId AND backtest_id = @BacktestId
        """;

    private const string SelectMany = TenantScope.Prefix + $"""
        SELECT {Columns} FROM backtests WHERE tenant_id = @TenantId ORDER BY created_at DESC, backtest_id DESC LIMIT @Limit
        """;

    // Only a backtest still queued or running is cancelled; the Workers stop working on it at their next check.
    private const string Cancel = TenantScope.Prefix + $"""
        UPDATE backtests SET status = 'cancelled', finished_at = now()
        WHERE tenant_id = @TenantId AND backtest_id = @BacktestId AND status IN ('queued', 'running')
        RETURNING {Columns}
        """;

    public async Task<BacktestRecord> CreateAsync(string tenantId, DateTime from, DateTime to, string filtersJson, string? policyVersion, string? modelVersion, Guid createdBy, CancellationToken cancellationToken)
    {
        using var timing = DatabaseMetrics.Time("backtest_create");
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleAsync<BacktestRecord>(new CommandDefinition(Insert, new
        {
            TenantId = tenantId,
            BacktestId = Guid.CreateVersion7(),
            From = from,
            To = to,
            Filters = filtersJson,
            PolicyVersion = policyVersion,
            ModelVersion = modelVersion,
            CreatedBy = createdBy,
        }, cancellationToken: cancellationToken));
    }

    public async Task<BacktestRecord?> FindAsync(string tenantId, Guid backtestId, CancellationToken cancellationToken)
    {
        using var timing = DatabaseMetrics.Time("backtest_find");
        return await dataSource.ReadAsync(connection => connection.QuerySingleOrDefaultAsync<BacktestRecord>(
            new CommandDefinition(SelectOne, new { TenantId = tenantId, BacktestId = backtestId }, cancellationToken: cancellationToken)), cancellationToken);
    }

    public async Task<IReadOnlyList<BacktestRecord>> ListAsync(string tenantId, int limit, CancellationToken cancellationToken)
    {
        using var timing = DatabaseMetrics.Time("backtest_list");
        return (await dataSource.ReadAsync(connection => connection.QueryAsync<BacktestRecord>(
            new CommandDefinition(SelectMany, new { TenantId = tenantId, Limit = limit }, cancellationToken: cancellationToken)), cancellationToken)).AsList();
    }

    /// <summary>The cancelled backtest, or null when there is none of that id or it had already finished.</summary>
    public async Task<BacktestRecord?> CancelAsync(string tenantId, Guid backtestId, CancellationToken cancellationToken)
    {
        using var timing = DatabaseMetrics.Time("backtest_cancel");
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<BacktestRecord>(
            new CommandDefinition(Cancel, new { TenantId = tenantId, BacktestId = backtestId }, cancellationToken: cancellationToken));
    }
}
