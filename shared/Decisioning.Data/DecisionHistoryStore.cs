using System.Data;
using System.Text;
using Dapper;
using Npgsql;

namespace Decisioning.Data;

/// <summary>
/// Reads a tenant's decision history: keyset-paged lists (no OFFSET), grouped statistics and a
/// streamed export. Every query is bounded by tenant and time, so it reaches only the months asked for.
/// </summary>
public sealed class DecisionHistoryStore(NpgsqlDataSource dataSource)
{
    /// <summary>The groupings <see cref="StatsAsync"/> understands and the SQL expression of each.</summary>
    public static readonly IReadOnlyDictionary<string, string> Groupings = new Dictionary<string, string>
    {
        ["day"] = "to_char(decided_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')",
        ["outcome"] = "outcome",
        ["grade"] = "coalesce(grade, 'none')",
        ["product"] = "product",
        ["modelVersion"] = "coalesce(model_version, 'none')",
        ["reason"] = "unnest(reason_codes)",
    };

    /// <summary>The export's columns, in order.</summary>
    public static readonly IReadOnlyList<string> ExportColumns =
    [
        "decision_id", "decided_at", "application_id", "outcome", "product", "amount", "term_months", "pd", "score",
        "grade", "model_version", "policy_version", "pricing_version", "reason_codes", "trace_id",
    ];

    /// <summary>Up to <paramref name="limit"/> documents after <paramref name="after"/>, newest first.</summary>
    public async Task<HistoryPage> ListAsync(string tenantId, HistoryFilter filter, HistoryPosition? after, int limit, CancellationToken cancellationToken)
    {
        var (sql, parameters) = ListCommand(tenantId, filter, after, limit);
        sql = TenantScope.For(sql);
        using var timing = DatabaseMetrics.Time("history_list");
        var rows = (await dataSource.ReadAsync(connection => connection.QueryAsync<(DateTime DecidedAt, Guid DecisionId, string Document)>(
            new CommandDefinition(sql, parameters, cancellationToken: cancellationToken)), cancellationToken)).AsList();
        var page = rows.Count > limit ? rows.GetRange(0, limit) : rows;
        var documents = new string[page.Count];
        var positions = new HistoryPosition[page.Count];
        for (var i = 0; i < documents.Length; i++)
        {
            documents[i] = page[i].Document;
            positions[i] = new HistoryPosition(page[i].DecidedAt, page[i].DecisionId);
        }

        HistoryPosition? next = rows.Count > limit ? positions[^1] : null;
        return new HistoryPage(documents, next, positions);
    }

    internal static (string Sql, DynamicParameters Parameters) ListCommand(string tenantId, HistoryFilter filter, HistoryPosition? after, int limit)
    {
        var (where, parameters) = Where(tenantId, filter);
        if (after is { } position)
        {
            where.Append(" AND (decided_at, decision_id) < (@AfterAt, @AfterId)");
            parameters.Add("AfterAt", position.DecidedAt);
            parameters.Add("AfterId", position.DecisionId);
        }

        parameters.Add("Take", limit + 1);
        var sql = $"""
            SELECT decided_at AS DecidedAt, decision_id AS DecisionId, document::text AS Document
            FROM decisions
            WHERE {where}
            ORDER BY decided_at DESC, decision_id DESC
            LIMIT @Take
            """;
        return (sql, parameters);
    }

    /// <summary>Counts, approval rate, mean PD and score percentiles per value of <paramref name="groupBy"/> (a key of <see cref="Groupings"/>).</summary>
    public async Task<IReadOnlyList<HistoryGroup>> StatsAsync(string tenantId, HistoryFilter filter, string groupBy, CancellationToken cancellationToken)
    {
        var (sql, parameters) = StatsCommand(tenantId, filter, groupBy);
        sql = TenantScope.For(sql);
        using var timing = DatabaseMetrics.Time("history_stats");
        return (await dataSource.ReadAsync(connection => connection.QueryAsync<HistoryGroup>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken)), cancellationToken)).AsList();
    }

    internal static (string Sql, DynamicParameters Parameters) StatsCommand(string tenantId, HistoryFilter filter, string groupBy)
    {
        var key = Groupings[groupBy];
        var (where, parameters) = Where(tenantId, filter);
        var sql = $"""
            SELECT key AS Key, count(*) AS Count,
                   avg(CASE WHEN outcome = 'approve' THEN 1.0 ELSE 0.0 END)::double precision AS ApprovalRate,
                   avg(pd) AS MeanPd,
                   percentile_cont(0.1) WITHIN GROUP (ORDER BY score) AS ScoreP10,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY score) AS ScoreP50,
                   percentile_cont(0.9) WITHIN GROUP (ORDER BY score) AS ScoreP90
            FROM (SELECT {key} AS key, outcome, pd, score FROM decisions WHERE {where}) grouped
            GROUP BY key
            ORDER BY key
            """;
        return (sql, parameters);
    }

    /// <summary>How many decisions match, counting no further than <paramref name="cap"/>.</summary>
    public async Task<long> CountUpToAsync(string tenantId, HistoryFilter filter, int cap, CancellationToken cancellationToken)
    {
        var (where, parameters) = Where(tenantId, filter);
        parameters.Add("Cap", cap);
        var sql = TenantScope.For($"SELECT count(*) FROM (SELECT 1 FROM decisions WHERE {where} LIMIT @Cap) capped");
        using var timing = DatabaseMetrics.Time("history_export_count");
        return await dataSource.ReadAsync(connection => connection.ExecuteScalarAsync<long>(
            new CommandDefinition(sql, parameters, cancellationToken: cancellationToken)), cancellationToken);
    }

    /// <summary>
    /// Streams the matching decisions, newest first, one row at a time and at most <paramref name="maxRows"/>: memory
    /// stays flat whatever the size.
    /// </summary>
    public async IAsyncEnumerable<object?[]> ExportAsync(string tenantId, HistoryFilter filter, int maxRows, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (sql, parameters) = ExportCommand(tenantId, filter);
        sql += "\nLIMIT @MaxRows";
        parameters.Add("MaxRows", maxRows);
        sql = TenantScope.For(sql);
        using var timing = DatabaseMetrics.Time("history_export");
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var reader = await connection.ExecuteReaderAsync(
            new CommandDefinition(sql, parameters, cancellationToken: cancellationToken), CommandBehavior.SequentialAccess);
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = new object?[ExportColumns.Count];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = await reader.IsDBNullAsync(i, cancellationToken) ? null : reader.GetValue(i);
            }

            yield return row;
        }
    }

    internal static (string Sql, DynamicParameters Parameters) ExportCommand(string tenantId, HistoryFilter filter)
    {
        var (where, parameters) = Where(tenantId, filter);
        var sql = $"""
            SELECT decision_id, decided_at, application_id, outcome, product, amount, term_months, pd, score,
                   grade, model_version, policy_version, pricing_version, array_to_string(reason_codes, '|'), trace_id
            FROM decisions
            WHERE {where}
            ORDER BY decided_at DESC, decision_id DESC
            """;
        return (sql, parameters);
    }

    // Only fixed clauses with bound parameters: no value ever becomes SQL text.
    /// <summary>The SQL condition (on the decisions table's columns) and parameters that select a tenant's decisions by a filter.</summary>
    public static (StringBuilder Where, DynamicParameters Parameters) Where(string tenantId, HistoryFilter filter)
    {
        var where = new StringBuilder("tenant_id = @TenantId AND decided_at >= @From AND decided_at < @To");
        var parameters = new DynamicParameters(new { TenantId = tenantId, filter.From, filter.To });
        void Add(string clause, string name, object? value)
        {
            if (value is not null)
            {
                where.Append(" AND ").Append(clause);
                parameters.Add(name, value);
            }
        }

        Add("outcome = @Outcome", "Outcome", filter.Outcome);
        Add("product = @Product", "Product", filter.Product);
        Add("grade = @Grade", "Grade", filter.Grade);
        Add("model_version = @ModelVersion", "ModelVersion", filter.ModelVersion);
        Add("policy_version = @PolicyVersion", "PolicyVersion", filter.PolicyVersion);
        Add("pd >= @MinPd", "MinPd", filter.MinPd);
        Add("pd <= @MaxPd", "MaxPd", filter.MaxPd);
        Add("application_id = @ApplicationId", "ApplicationId", filter.ApplicationId);
        Add("reason_codes @> ARRAY[@Reason]::text[]", "Reason", filter.Reason);
        return (where, parameters);
    }
}
