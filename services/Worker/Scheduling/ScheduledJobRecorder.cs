using System.Diagnostics;
using Microsoft.Extensions.Options;
using Quartz;

namespace Worker.Scheduling;

// Wraps every scheduled job's run: records it in scheduled_job_runs (started, then finished with its result) and in the
// metrics. An occurrence another Worker already started, or that a catch-up run covers, is not run again. A run that
// fails is logged and recorded as failed; the job's next occurrence is its retry.
public sealed class ScheduledJobRecorder(
    ScheduledJobRunStore runs, ScheduledJobMetrics metrics, IOptions<SchedulerOptions> options, TimeProvider clock, ILogger<ScheduledJobRecorder> logger) : IJobExecutionMiddleware
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
            var late = TimeSpan.FromSeconds(options.Value.MisfireThresholdSeconds);
            var (startedBy, coveredBy) = await runs.StartAsync(job, scheduledFireTime, startedAt, instance, late, cancellationToken);
            if (coveredBy is { } catchUp)
            {
                logger.LogInformation("Scheduled job {Job}: the occurrence of {ScheduledFireTime:O} was missed and is covered by the catch-up run of {CatchUp:O}; not run",
                    job, scheduledFireTime, catchUp);
                return;
            }

            if (startedBy is not null)
            {
                error = $"the occurrence was already started by {startedBy}";
                logger.LogError("Scheduled job {Job}: the occurrence of {ScheduledFireTime:O} was already started by {OtherWorker}; not run again", job, scheduledFireTime, startedBy);
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
