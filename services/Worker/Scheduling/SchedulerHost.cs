using Npgsql;
using Quartz;

namespace Worker.Scheduling;

// Starts the scheduler once the job store's schedules match the code and the configuration (ScheduleSync), trying
// again while the database cannot be reached; shuts it down with the Worker, letting running jobs finish.
public sealed class SchedulerHost(ISchedulerFactory schedulers, ScheduleSync sync, ILogger<SchedulerHost> logger) : BackgroundService
{
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromSeconds(1);
        while (true)
        {
            try
            {
                var scheduler = await schedulers.GetScheduler(stoppingToken);
                await sync.ApplyAsync(scheduler, stoppingToken);
                await scheduler.Start(stoppingToken);
                logger.LogInformation("Scheduler started as {Instance}", scheduler.SchedulerInstanceId);
                return;
            }
            catch (Exception ex) when (ex is SchedulerException or NpgsqlException or TimeoutException && !stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning("The scheduler could not start, retrying in {Seconds} s: {Error}", delay.TotalSeconds, ex.GetBaseException().Message);
                await Task.Delay(delay, stoppingToken);
                delay = TimeSpan.FromTicks(Math.Min(MaxRetryDelay.Ticks, delay.Ticks * 2));
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        await scheduler.Shutdown(waitForJobsToComplete: true, cancellationToken);
    }
}
