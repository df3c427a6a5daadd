using Decisioning.Data;

namespace Gateway.Auth;

// Keeps one connection LISTENing for revoked keys and drops each from this Gateway's key cache, so a key revoked
// through any replica stops working on all of them within the notification's delay (milliseconds), not the cache's
// lifetime. Whenever it (re)connects it clears the whole cache: a revocation sent while it was not listening is lost.
public sealed class ApiKeyRevocationListener(IConfiguration configuration, ApiKeyCache cache, ILogger<ApiKeyRevocationListener> logger) : BackgroundService
{
    private static readonly TimeSpan QuietProbe = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var connectionString = configuration.GetConnectionString(DecisioningDataSource.ConnectionStringName)!;
        var retry = FirstRetry;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await ApiKeyRevocations.ListenAsync(connectionString, cache.Forget, stoppingToken);
                cache.Clear();
                retry = FirstRetry;
                logger.LogInformation("Listening for revoked API keys");
                while (true)
                {
                    // A quiet channel is probed now and then, so a connection lost without a word is noticed.
                    if (!await connection.WaitAsync(QuietProbe, stoppingToken))
                    {
                        await ApiKeyRevocations.PingAsync(connection, stoppingToken);
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Cached keys may have been revoked meanwhile: until listening again, each is looked up anew.
                cache.Clear();
                logger.LogWarning("Not listening for revoked API keys ({Error}); retrying in {Delay} ms", ex.GetType().Name, retry.TotalMilliseconds);
            }

            await Task.Delay(retry, stoppingToken);
            retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, LastRetry.Ticks));
        }
    }
}
