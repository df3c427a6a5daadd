using System.Diagnostics;
using Quartz;

namespace Worker.Scheduling;

// Wraps every scheduled job's run: records it in scheduled_job_runs (started, then finished with its result) and in the
// metrics. An occurrence another Worker already started is not run again. A run that fails is logged and recorded as
// failed; the job's next occurrence is its retry.
public sealed class ScheduledJobRecorder(ScheduledJobRunStore runs, ScheduledJobMetrics metrics, TimeProvider clock, ILogger<ScheduledJobRecorder> logger) : IJobExecutionMiddleware
{
    public async ValueTask Invoke(IJobExecutionContext context, JobExecutionDelegate next, CancellationToken cancellationToken)
    {
        var job = context.JobDetail.Key.Name;
        var scheduledFireTime = context.ScheduledFireTimeUtc ?? context.FireTimeUtc;
        var instance = context.Scheduler.SchedulerInstanceId;
        var startedAt = clock.GetUtcNow();
        var timer = Stopwatch.GetTimestamp();
        string? error = null;
        var started = false;
        try
        {
            if (await runs.StartAsync(job, scheduledFireTime, startedAt, instance, cancellationToken) is { } other)
            {
                error = $"the occurrence was already started by {other}";
                logger.LogError("Scheduled job {Job}: the occurrence of {ScheduledFireTime:O} was already started by {OtherWorker}; not run again", job, scheduledFireTime, other);
            }
            else
            {
                started = true;
                await next(context, cancellationToken);
            }
        }
        catch (Exception ex)
        {
            error = ex.Message;
            logger.LogError(ex, "Scheduled job {Job} (occurrence of {ScheduledFireTime:O}) failed: {Error}", job, scheduledFireTime, ex.Message);
        }

        var duration = Stopwatch.GetElapsedTime(timer);
        var finishedAt = clock.GetUtcNow();
        if (started)
        {
            try
            {
                // Recorded even when the Worker is stopping, so that the row says how its run ended.
                await runs.FinishAsync(job, scheduledFireTime, instance, finishedAt, error, CancellationToken.None);
            }
            catch (Exception ex) when (ex is Npgsql.NpgsqlException or TimeoutException)
            {
                logger.LogWarning("Scheduled job {Job}: the end of its run could not be recorded: {Error}", job, ex.Message);
            }
        }

        if (error is null)
        {
            metrics.Succeeded(job, duration, finishedAt);
            logger.LogInformation("Scheduled job {Job} (occurrence of {ScheduledFireTime:O}) succeeded in {Milliseconds:F0} ms", job, scheduledFireTime, duration.TotalMilliseconds);
        }
        else
        {
            metrics.Failed(job, duration);
        }
    }
}
