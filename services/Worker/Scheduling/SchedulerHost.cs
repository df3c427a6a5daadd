using Npgsql;
using Quartz;

namespace Worker.Scheduling;

// Starts the scheduler once the job store's schedules match the code and the configuration (ScheduleSync), waiting
// and trying again while the database cannot be reached; shuts it down with the Worker, letting running jobs finish.
public sealed class SchedulerHost(ISchedulerFactory schedulers, NpgsqlDataSource dataSource, ScheduleSync sync, ILogger<SchedulerHost> logger) : BackgroundService
{
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);
    private IScheduler? _scheduler;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Quartz checks its tables when it builds the scheduler, and one whose build failed cannot be built again in this
        // process: so the database must answer first. Should it fail in between, the Worker stops (the host's default).
        await RetryAsync("reach the database", async cancellationToken =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        }, stoppingToken);
        var scheduler = _scheduler = await schedulers.GetScheduler(stoppingToken);
        await RetryAsync("start the scheduler", async cancellationToken =>
        {
            await sync.ApplyAsync(scheduler, cancellationToken);
            await scheduler.Start(cancellationToken);
        }, stoppingToken);
        logger.LogInformation("Scheduler started as {Instance}", scheduler.SchedulerInstanceId);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_scheduler is not null)
        {
            await _scheduler.Shutdown(waitForJobsToComplete: true, cancellationToken);
        }
    }

    private async Task RetryAsync(string what, Func<CancellationToken, Task> attempt, CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromSeconds(1);
        while (true)
        {
            try
            {
                await attempt(stoppingToken);
                return;
            }
            catch (Exception ex) when (ex is SchedulerException or NpgsqlException or TimeoutException && !stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning("Scheduled jobs wait: could not {What}, retrying in {Seconds} s: {Error}", what, delay.TotalSeconds, ex.GetBaseException().Message);
                await Task.Delay(delay, stoppingToken);
                delay = TimeSpan.FromTicks(Math.Min(MaxRetryDelay.Ticks, delay.Ticks * 2));
            }
        }
    }
}
