using Npgsql;
using Polly;
using Polly.Retry;

namespace Decisioning.Data;

/// <summary>
/// The stores' reads, tried once more on a fresh connection when the first attempt meets a transient database error
/// (a connection the server dropped, a restart or failover, a serialization failure). Writes are never retried: a
/// write whose reply was lost may have been applied, and its caller decides (e.g. the client's idempotency key).
/// </summary>
public static class DatabaseReads
{
    private static readonly ResiliencePipeline Retry = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<NpgsqlException>(ex => ex.IsTransient),
            MaxRetryAttempts = 1,
            // At once: a dropped pooled connection is replaced by a new one; waiting would only spend the caller's time.
            Delay = TimeSpan.Zero,
        })
        .Build();

    /// <summary>Runs <paramref name="read"/> on a connection from <paramref name="dataSource"/>, once more on a transient error.</summary>
    public static ValueTask<T> ReadAsync<T>(this NpgsqlDataSource dataSource, Func<NpgsqlConnection, Task<T>> read, CancellationToken cancellationToken) =>
        Retry.ExecuteAsync(static async (state, token) =>
        {
            await using var connection = await state.dataSource.OpenConnectionAsync(token);
            return await state.read(connection);
        }, (dataSource, read), cancellationToken);
}
