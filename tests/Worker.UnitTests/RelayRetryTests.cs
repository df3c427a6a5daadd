using Worker.Outbox;

namespace Worker.UnitTests;

// The relay's wait between failed attempts (real time, in milliseconds rather than the configured seconds).
public class RelayRetryTests
{
    private static readonly OutboxOptions Options = new() { RetryMinMilliseconds = 2, RetryMaxMilliseconds = 40 };

    [Fact]
    public async Task Waits_from_about_the_minimum_growing_to_the_cap_never_beyond_and_keeps_trying_until_it_succeeds()
    {
        var (attempts, waits) = await FailThenSucceedAsync(failures: 30);

        Assert.Equal(31, attempts);
        Assert.Equal(30, waits.Count);
        Assert.InRange(waits[0].TotalMilliseconds, 0, 1.5 * Options.RetryMinMilliseconds);
        Assert.All(waits, wait => Assert.InRange(wait.TotalMilliseconds, 0, Options.RetryMaxMilliseconds));
        Assert.All(waits[^10..], wait => Assert.Equal(Options.RetryMaxMilliseconds, wait.TotalMilliseconds));
    }

    [Fact]
    public async Task Two_relays_failing_together_do_not_retry_in_step()
    {
        var first = await FailThenSucceedAsync(failures: 5);
        var second = await FailThenSucceedAsync(failures: 5);

        Assert.NotEqual(first.Waits, second.Waits);
    }

    [Fact]
    public async Task Stops_trying_when_the_worker_stops()
    {
        using var stopping = new CancellationTokenSource();
        var attempts = 0;
        var retry = RelayRetry.Create(Options, (_, _) => ValueTask.CompletedTask, TimeProvider.System);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await retry.ExecuteAsync<int>(_ =>
        {
            if (++attempts == 3)
            {
                stopping.Cancel();
            }

            throw new IOException("The broker is down.");
        }, stopping.Token));

        Assert.Equal(3, attempts);
    }

    private static async Task<(int Attempts, List<TimeSpan> Waits)> FailThenSucceedAsync(int failures)
    {
        var waits = new List<TimeSpan>();
        var attempts = 0;
        var retry = RelayRetry.Create(Options, (_, wait) =>
        {
            waits.Add(wait);
            return ValueTask.CompletedTask;
        }, TimeProvider.System);

        await retry.ExecuteAsync(_ => ++attempts <= failures ? throw new IOException("The broker is down.") : ValueTask.FromResult(attempts), CancellationToken.None);
        return (attempts, waits);
    }
}
