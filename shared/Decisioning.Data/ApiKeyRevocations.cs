using Npgsql;

namespace Decisioning.Data;

/// <summary>
/// The channel on which a revoked API key is announced to every Gateway: the revoking statement sends
/// <c>pg_notify</c> in its own transaction, so the announcement goes out exactly when the revocation commits. The
/// payload is the key's SHA-256 in upper-case hex (what the Gateways' key caches are keyed by), never the key.
/// </summary>
public static class ApiKeyRevocations
{
    /// <summary>The PostgreSQL notification channel.</summary>
    public const string Channel = "api_key_revoked";

    /// <summary>
    /// Opens a connection of its own (outside the pool: LISTEN is session state, which pooled connections never keep),
    /// listens on <see cref="Channel"/> and calls <paramref name="revoked"/> with each revoked key's hash. The caller
    /// reads notifications with <c>WaitAsync</c> and disposes the connection to stop.
    /// </summary>
    public static async Task<NpgsqlConnection> ListenAsync(string connectionString, Action<string> revoked, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, KeepAlive = 15 };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            connection.Notification += (_, notification) => revoked(notification.Payload);
            await connection.OpenAsync(cancellationToken);
            await using var listen = new NpgsqlCommand($"LISTEN {Channel}", connection);
            await listen.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Asks the server for nothing, to find out that a quiet listening connection is still alive.</summary>
    public static async Task PingAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var ping = new NpgsqlCommand("SELECT 1", connection);
        await ping.ExecuteScalarAsync(cancellationToken);
    }
}
