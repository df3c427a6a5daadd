using Dapper;
using Npgsql;

namespace Worker.Retention;

// Deletes rows past their retention, oldest first, a batch per statement. Each batch starts where the previous one
// stopped (@After), so it does not walk again over the index entries its predecessors left behind.
public sealed class RetentionStore(NpgsqlDataSource dataSource)
{
    // The outbox is walked by its key, from the first event up to the first one written within the retention (found
    // once per run): its rows are written in key order, and no index on created_at is kept for this alone.
    private const string FirstOutboxEventToKeep = """
        SELECT coalesce((SELECT outbox_id FROM outbox WHERE created_at >= now() - @Retention ORDER BY outbox_id LIMIT 1), 9223372036854775807)
        """;

    private const string DeleteOutbox = """
        WITH gone AS (
            DELETE FROM outbox WHERE outbox_id = ANY(ARRAY(
                SELECT outbox_id FROM outbox
                WHERE outbox_id > @After AND outbox_id < @Keep AND published_at IS NOT NULL
                ORDER BY outbox_id LIMIT @BatchSize))
            RETURNING outbox_id)
        SELECT count(*)::int AS Deleted, coalesce(max(outbox_id), @After) AS Last FROM gone
        """;

    private const string DeleteDeliveries = """
        WITH gone AS (
            DELETE FROM webhook_deliveries WHERE ctid = ANY(ARRAY(
                SELECT ctid FROM webhook_deliveries
                WHERE status = 'delivered' AND delivered_at >= coalesce(@After::timestamptz, '-infinity') AND delivered_at < now() - @Retention
                ORDER BY delivered_at LIMIT @BatchSize))
            RETURNING delivered_at)
        SELECT count(*)::int AS Deleted, max(delivered_at) AS Last FROM gone
        """;

    private const string DeleteInbox = """
        WITH gone AS (
            DELETE FROM webhook_inbox WHERE ctid = ANY(ARRAY(
                SELECT ctid FROM webhook_inbox
                WHERE received_at >= coalesce(@After::timestamptz, '-infinity') AND received_at < now() - @Retention
                ORDER BY received_at LIMIT @BatchSize))
            RETURNING received_at)
        SELECT count(*)::int AS Deleted, max(received_at) AS Last FROM gone
        """;

    // A few rows a day per job: one statement.
    private const string DeleteJobRuns = "DELETE FROM scheduled_job_runs WHERE scheduled_fire_time < now() - @Retention";

    public async Task<long> DeleteOutboxAsync(TimeSpan retention, int batchSize, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var keep = await connection.ExecuteScalarAsync<long>(new CommandDefinition(FirstOutboxEventToKeep, new { Retention = retention }, cancellationToken: cancellationToken));
        return await InBatchesAsync(connection, DeleteOutbox, new { Retention = retention, Keep = keep, BatchSize = batchSize }, 0L, batchSize, cancellationToken);
    }

    public async Task<long> DeleteDeliveriesAsync(TimeSpan retention, int batchSize, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await InBatchesAsync<DateTime?>(connection, DeleteDeliveries, new { Retention = retention, BatchSize = batchSize }, null, batchSize, cancellationToken);
    }

    public async Task<long> DeleteInboxAsync(TimeSpan retention, int batchSize, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await InBatchesAsync<DateTime?>(connection, DeleteInbox, new { Retention = retention, BatchSize = batchSize }, null, batchSize, cancellationToken);
    }

    public async Task<long> DeleteJobRunsAsync(TimeSpan retention, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(DeleteJobRuns, new { Retention = retention }, cancellationToken: cancellationToken));
    }

    private static async Task<long> InBatchesAsync<TKey>(NpgsqlConnection connection, string sql, object parameters, TKey after, int batchSize, CancellationToken cancellationToken)
    {
        var total = 0L;
        var arguments = new DynamicParameters(parameters);
        while (true)
        {
            arguments.Add("After", after);
            var batch = await connection.QuerySingleAsync<Batch<TKey>>(new CommandDefinition(sql, arguments, cancellationToken: cancellationToken));
            total += batch.Deleted;
            if (batch.Deleted < batchSize)
            {
                return total;
            }

            after = batch.Last;
        }
    }

    private sealed record Batch<TKey>(int Deleted, TKey Last);
}
