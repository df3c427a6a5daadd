using System.Text.Json;
using Dapper;
using Decisioning.Data;
using Npgsql;
using Worker.Decisions;

namespace Worker.Backtests;

// The Workers' side of backtests. A queued backtest is planned once (FOR UPDATE SKIP LOCKED) into chunks of the
// decisions' key order; a chunk is claimed with a lease and a fresh token (SKIP LOCKED, or after its lease ran out);
// its partial result, its decisions' scores and the backtest's progress are committed in one transaction, only while
// the token is still the chunk's. The Worker runs as the tables' owner, outside row-level security: every statement
// names the tenant.
public sealed class BacktestQueue(NpgsqlDataSource dataSource)
{
    private const string NextQueued = """
        SELECT tenant_id, backtest_id FROM backtests WHERE status = 'queued' ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED
        """;

    private const string SelectJob = """
        SELECT range_from, range_to, filters::text, candidate_policy_version, candidate_model_version
        FROM backtests WHERE tenant_id = @TenantId AND backtest_id = @BacktestId
        """;

    private const string InsertChunks = """
        INSERT INTO backtest_chunks (tenant_id, backtest_id, chunk_no, after_at, after_id, upto_at, upto_id)
        SELECT @TenantId, @BacktestId, n - 1, lag(upto_at) OVER (ORDER BY n), lag(upto_id) OVER (ORDER BY n), upto_at, upto_id
        FROM unnest(@UptoAt, @UptoId) WITH ORDINALITY AS b(upto_at, upto_id, n)
        """;

    private const string Start = """
        UPDATE backtests SET status = 'running', total = @Total, chunk_size = @ChunkSize, started_at = now()
        WHERE tenant_id = @TenantId AND backtest_id = @BacktestId AND status = 'queued'
        """;

    private const string Claim = """
        WITH next AS (
            SELECT c.tenant_id, c.backtest_id, c.chunk_no
            FROM backtest_chunks c
            JOIN backtests b ON b.tenant_id = c.tenant_id AND b.backtest_id = c.backtest_id
            WHERE b.status = 'running' AND (c.status = 'pending' OR (c.status = 'running' AND c.lease_until < now()))
            ORDER BY b.created_at, c.chunk_no
            LIMIT 1
            FOR UPDATE OF c SKIP LOCKED
        )
        UPDATE backtest_chunks c
        SET status = 'running', lease_token = gen_random_uuid(), lease_until = now() + @Lease, worker = @Worker, attempts = c.attempts + 1
        FROM next
        WHERE c.tenant_id = next.tenant_id AND c.backtest_id = next.backtest_id AND c.chunk_no = next.chunk_no
        RETURNING c.tenant_id AS TenantId, c.backtest_id AS BacktestId, c.chunk_no AS ChunkNo, c.after_at AS AfterAt, c.after_id AS AfterId,
                  c.upto_at AS UptoAt, c.upto_id AS UptoId, c.lease_token AS LeaseToken, c.attempts AS Attempts
        """;

    private const string Complete = """
        UPDATE backtest_chunks c
        SET status = 'done', partial = @Partial::jsonb, decisions = @Decisions, done_at = now(), lease_until = NULL
        WHERE c.tenant_id = @TenantId AND c.backtest_id = @BacktestId AND c.chunk_no = @ChunkNo AND c.status = 'running' AND c.lease_token = @LeaseToken
          AND EXISTS (SELECT 1 FROM backtests b WHERE b.tenant_id = c.tenant_id AND b.backtest_id = c.backtest_id AND b.status = 'running')
        """;

    private const string InsertScores = """
        INSERT INTO backtest_scores (tenant_id, backtest_id, decision_id, baseline_pd, candidate_pd, bad)
        SELECT @TenantId, @BacktestId, decision_id, baseline_pd, candidate_pd, bad
        FROM unnest(@DecisionIds, @BaselinePds::double precision[], @CandidatePds::double precision[], @Bads) AS s(decision_id, baseline_pd, candidate_pd, bad)
        ON CONFLICT DO NOTHING
        """;

    private const string Progress = """
        UPDATE backtests SET processed = processed + @Decisions WHERE tenant_id = @TenantId AND backtest_id = @BacktestId
        """;

    private const string Backlog = """
        SELECT count(*), coalesce(sum(total - processed) FILTER (WHERE status = 'running'), 0)::bigint
        FROM backtests WHERE status IN ('queued', 'running')
        """;

    private const string Status = "SELECT status FROM backtests WHERE tenant_id = @TenantId AND backtest_id = @BacktestId";

    private const string LockRunning = """
        SELECT 1 FROM backtests WHERE tenant_id = @TenantId AND backtest_id = @BacktestId AND status = 'running' FOR UPDATE
        """;

    private const string OpenChunks = """
        SELECT count(*) FROM backtest_chunks WHERE tenant_id = @TenantId AND backtest_id = @BacktestId AND status <> 'done'
        """;

    private const string Partials = """
        SELECT partial::text FROM backtest_chunks WHERE tenant_id = @TenantId AND backtest_id = @BacktestId ORDER BY chunk_no
        """;

    private const string Scores = """
        SELECT baseline_pd, candidate_pd, bad FROM backtest_scores WHERE tenant_id = @TenantId AND backtest_id = @BacktestId
        """;

    private const string Succeed = """
        UPDATE backtests SET status = 'succeeded', result = @Result::json, finished_at = now()
        WHERE tenant_id = @TenantId AND backtest_id = @BacktestId AND status = 'running'
        """;

    private const string Fail = """
        UPDATE backtests SET status = 'failed', error = @Error, finished_at = now()
        WHERE tenant_id = @TenantId AND backtest_id = @BacktestId AND status IN ('queued', 'running')
        """;

    // Running backtests whose chunks are all done: finished by whichever Worker sees them (the one that committed the
    // last chunk may have died before finishing).
    private const string Unfinished = """
        SELECT b.tenant_id, b.backtest_id FROM backtests b
        WHERE b.status = 'running'
          AND NOT EXISTS (SELECT 1 FROM backtest_chunks c WHERE c.tenant_id = b.tenant_id AND c.backtest_id = b.backtest_id AND c.status <> 'done')
        """;

    /// <summary>Backtests queued or running, and the decisions they have left to do (a running one's total less its progress).</summary>
    public async Task<(long Active, long Remaining)> BacklogAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleAsync<(long, long)>(new CommandDefinition(Backlog, cancellationToken: cancellationToken));
    }

    /// <summary>Plans the oldest queued backtest into chunks and starts it; null when none is queued.</summary>
    public async Task<(string TenantId, Guid BacktestId, long Total)?> PlanNextAsync(int chunkSize, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var next = await connection.QuerySingleOrDefaultAsync<(string TenantId, Guid BacktestId)?>(new CommandDefinition(NextQueued, transaction: transaction, cancellationToken: cancellationToken));
        if (next is not { } queued)
        {
            return null;
        }

        var job = await JobAsync(connection, transaction, queued.TenantId, queued.BacktestId, cancellationToken);
        var (where, parameters) = DecisionHistoryStore.Where(job.TenantId, job.Filter);
        parameters.Add("ChunkSize", chunkSize);
        // The last decision of every chunk: each chunk_size-th in key order, and the very last.
        var boundaries = (await connection.QueryAsync<(DateTime DecidedAt, Guid DecisionId)>(new CommandDefinition($"""
            SELECT decided_at, decision_id FROM (
                SELECT decided_at, decision_id FROM (
                    SELECT decided_at, decision_id, row_number() OVER (ORDER BY decided_at, decision_id) AS n
                    FROM decisions WHERE {where}
                ) keyed WHERE n % @ChunkSize = 0
                UNION ALL
                (SELECT decided_at, decision_id FROM decisions WHERE {where} ORDER BY decided_at DESC, decision_id DESC LIMIT 1)
            ) boundaries ORDER BY decided_at, decision_id
            """, parameters, transaction, commandTimeout: 0, cancellationToken: cancellationToken))).ToList();
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition($"SELECT count(*) FROM decisions WHERE {where}", parameters, transaction, commandTimeout: 0, cancellationToken: cancellationToken));
        if (boundaries.Count >= 2 && boundaries[^1] == boundaries[^2])
        {
            boundaries.RemoveAt(boundaries.Count - 1);
        }

        var ids = new { queued.TenantId, queued.BacktestId };
        await connection.ExecuteAsync(new CommandDefinition(InsertChunks, new
        {
            queued.TenantId,
            queued.BacktestId,
            UptoAt = boundaries.Select(b => b.DecidedAt).ToArray(),
            UptoId = boundaries.Select(b => b.DecisionId).ToArray(),
        }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(Start, new { ids.TenantId, ids.BacktestId, Total = total, ChunkSize = chunkSize }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return (queued.TenantId, queued.BacktestId, total);
    }

    /// <summary>Claims the next chunk to work on (of the oldest running backtest), or null.</summary>
    public async Task<BacktestChunk?> ClaimAsync(string worker, TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<BacktestChunk>(new CommandDefinition(Claim, new { Worker = worker, Lease = lease }, cancellationToken: cancellationToken));
    }

    public async Task<BacktestJob> JobAsync(string tenantId, Guid backtestId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await JobAsync(connection, null, tenantId, backtestId, cancellationToken);
    }

    /// <summary>The chunk's decisions in key order, with their applications as requested and their outcomes.</summary>
    public async Task<IReadOnlyList<DecisionRow>> ReadAsync(BacktestJob job, BacktestChunk chunk, CancellationToken cancellationToken)
    {
        var (where, parameters) = DecisionHistoryStore.Where(job.TenantId, job.Filter);
        where.Append(" AND (decided_at, decision_id) <= (@UptoAt, @UptoId)");
        parameters.Add("UptoAt", chunk.UptoAt);
        parameters.Add("UptoId", chunk.UptoId);
        if (chunk.AfterAt is { } afterAt)
        {
            where.Append(" AND (decided_at, decision_id) > (@AfterAt, @AfterId)");
            parameters.Add("AfterAt", afterAt);
            parameters.Add("AfterId", chunk.AfterId);
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<DecisionRow>(new CommandDefinition($"""
            SELECT {DecisionRow.Columns}
            FROM (SELECT *, request->'applicant' AS a FROM decisions WHERE {where}) d
            LEFT JOIN loan_outcomes o ON o.tenant_id = d.tenant_id AND o.decision_id = d.decision_id
            ORDER BY d.decided_at, d.decision_id
            """, parameters, commandTimeout: 0, cancellationToken: cancellationToken))).AsList();
    }

    /// <summary>Commits a chunk's result, its scores and the progress at once; false when the lease was lost (nothing is written).</summary>
    public async Task<bool> CompleteAsync(BacktestChunk chunk, BacktestTally tally, IReadOnlyList<(Guid DecisionId, double? Baseline, double? Candidate, bool Bad)> scores, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var ids = new { chunk.TenantId, chunk.BacktestId };
        var completed = await connection.ExecuteAsync(new CommandDefinition(Complete, new
        {
            chunk.TenantId,
            chunk.BacktestId,
            chunk.ChunkNo,
            chunk.LeaseToken,
            Partial = JsonSerializer.Serialize(tally),
            Decisions = (int)tally.Decisions,
        }, transaction, cancellationToken: cancellationToken));
        if (completed == 0)
        {
            return false;
        }

        await connection.ExecuteAsync(new CommandDefinition(InsertScores, new
        {
            ids.TenantId,
            ids.BacktestId,
            DecisionIds = scores.Select(s => s.DecisionId).ToArray(),
            BaselinePds = scores.Select(s => s.Baseline).ToArray(),
            CandidatePds = scores.Select(s => s.Candidate).ToArray(),
            Bads = scores.Select(s => s.Bad).ToArray(),
        }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(Progress, new { ids.TenantId, ids.BacktestId, Decisions = tally.Decisions }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Whether the backtest is still running (not cancelled, failed or finished).</summary>
    public async Task<bool> IsRunningAsync(string tenantId, Guid backtestId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<string>(new CommandDefinition(Status, new { TenantId = tenantId, BacktestId = backtestId }, cancellationToken: cancellationToken)) == "running";
    }

    /// <summary>Finishes a running backtest whose chunks are all done: sums their counts, computes the AUCs, stores the result.</summary>
    public async Task<bool> TryFinishAsync(string tenantId, Guid backtestId, CancellationToken cancellationToken)
    {
        var ids = new { TenantId = tenantId, BacktestId = backtestId };
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await connection.ExecuteScalarAsync<int?>(new CommandDefinition(LockRunning, ids, transaction, cancellationToken: cancellationToken)) is null
            || await connection.ExecuteScalarAsync<long>(new CommandDefinition(OpenChunks, ids, transaction, cancellationToken: cancellationToken)) > 0)
        {
            return false;
        }

        var total = new BacktestTally();
        foreach (var partial in await connection.QueryAsync<string>(new CommandDefinition(Partials, ids, transaction, cancellationToken: cancellationToken)))
        {
            total.Merge(JsonSerializer.Deserialize<BacktestTally>(partial)!);
        }

        var scores = (await connection.QueryAsync<(double? Baseline, double? Candidate, bool Bad)>(new CommandDefinition(Scores, ids, transaction, commandTimeout: 0, cancellationToken: cancellationToken))).AsList();
        var result = BacktestResult.Compose(
            total,
            Auc.Of([.. scores.Where(s => s.Baseline is not null).Select(s => (s.Baseline!.Value, s.Bad))]),
            Auc.Of([.. scores.Where(s => s.Candidate is not null).Select(s => (s.Candidate!.Value, s.Bad))]));
        await connection.ExecuteAsync(new CommandDefinition(Succeed, new { ids.TenantId, ids.BacktestId, Result = result.ToJsonString() }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<IReadOnlyList<(string TenantId, Guid BacktestId)>> UnfinishedAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<(string, Guid)>(new CommandDefinition(Unfinished, cancellationToken: cancellationToken))).AsList();
    }

    public async Task FailAsync(string tenantId, Guid backtestId, string error, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(Fail, new { TenantId = tenantId, BacktestId = backtestId, Error = error }, cancellationToken: cancellationToken));
    }

    private static async Task<BacktestJob> JobAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string tenantId, Guid backtestId, CancellationToken cancellationToken)
    {
        var (from, to, filters, policy, model) = await connection.QuerySingleAsync<(DateTime, DateTime, string, string?, string?)>(
            new CommandDefinition(SelectJob, new { TenantId = tenantId, BacktestId = backtestId }, transaction, cancellationToken: cancellationToken));
        var filter = (JsonSerializer.Deserialize<HistoryFilter>(filters, FilterJson) ?? new HistoryFilter(from, to)) with { From = from, To = to };
        return new BacktestJob(tenantId, backtestId, filter, policy, model);
    }

    private static readonly JsonSerializerOptions FilterJson = new(JsonSerializerDefaults.Web);
}
