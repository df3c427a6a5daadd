using Microsoft.Extensions.Options;
using Quartz;

namespace Worker.Scheduling;

// Brings the job store's schedules in line with the code and the configuration before the scheduler starts: a job's
// trigger is created when missing (and the job run once at once, as a first run), rescheduled when its cron changed
// (and run once at once if the old trigger had missed an occurrence), removed with the job when it is disabled. An
// unchanged trigger is left as it is, so that an occurrence missed while every Worker was down is still seen as missed:
// its misfire instruction runs the job once, then the cron goes on.
public sealed class ScheduleSync(ScheduledJobs jobs, IOptions<SchedulerOptions> options, ScheduledJobRunStore runs, ScheduledJobMetrics metrics, TimeProvider clock, ILogger<ScheduleSync> logger)
{
    public const string Group = "worker";

    public async Task ApplyAsync(IScheduler scheduler, CancellationToken cancellationToken)
    {
        foreach (var job in jobs.All)
        {
            var (cron, enabled) = options.Value.ScheduleOf(job);
            var jobKey = new JobKey(job.Name, Group);
            if (!enabled)
            {
                metrics.Unscheduled(job.Name);
                if (await scheduler.DeleteJob(jobKey, cancellationToken))
                {
                    logger.LogInformation("Scheduled job {Job} is disabled: unscheduled", job.Name);
                }

                continue;
            }

            await ScheduleAsync(scheduler, job, jobKey, cron, cancellationToken);
            metrics.Scheduled(job.Name, CronSchedule.LongestGap(CronSchedule.TryParse(cron, out _)!, clock.GetUtcNow()));
        }

        foreach (var (job, finishedAt) in await runs.LastSuccessesAsync(cancellationToken))
        {
            if (jobs.Find(job) is { } known)
            {
                metrics.LastSucceeded(known.Name, finishedAt);
            }
        }
    }

    private async Task ScheduleAsync(IScheduler scheduler, ScheduledJob job, JobKey jobKey, string cron, CancellationToken cancellationToken)
    {
        var detail = JobBuilder.Create().OfType(job.JobType).WithIdentity(jobKey).StoreDurably().Build();
        var trigger = TriggerBuilder.Create()
            .WithIdentity(job.Name, Group)
            .ForJob(jobKey)
            .WithSchedule(CronScheduleBuilder.Create(cron).InTimeZone(CronSchedule.TimeZone).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed))
            .Build();

        // The job's class may have moved since it was stored; replacing its details leaves its trigger as it is.
        await scheduler.AddJob(detail, AddJobOptions.Replacing, cancellationToken);
        var stored = await scheduler.GetTrigger(trigger.Key, cancellationToken) as ICronTrigger;
        if (stored is null)
        {
            var result = await scheduler.ScheduleTrigger(trigger, TriggerConflict.Keep, cancellationToken);
            if (result.Outcome == ScheduleOutcome.Created)
            {
                // First scheduled (a new job, or one enabled again): run once now rather than wait for its first occurrence.
                await scheduler.TriggerJob(jobKey, new JobDataMap(), cancellationToken);
                logger.LogInformation("Scheduled job {Job} on '{Cron}' (UTC), running it once now", job.Name, cron);
            }
        }
        else if (stored.CronExpressionString != cron || stored.TimeZone.Id != CronSchedule.TimeZone.Id
            || stored.MisfireInstruction != CronTriggerMisfireInstruction.FireAndProceed
            || await scheduler.GetTriggerState(trigger.Key, cancellationToken) == TriggerState.Error)
        {
            await scheduler.RescheduleJob(trigger.Key, trigger, cancellationToken);
            logger.LogInformation("Rescheduled job {Job} from '{Previous}' to '{Cron}' (UTC)", job.Name, stored.CronExpressionString, cron);
            // The replaced trigger's missed occurrence (every Worker was down) would be forgotten with it: run it once now.
            if (stored.NextFireTimeUtc < clock.GetUtcNow() - TimeSpan.FromSeconds(options.Value.MisfireThresholdSeconds))
            {
                await scheduler.TriggerJob(jobKey, new JobDataMap(), cancellationToken);
                logger.LogInformation("Scheduled job {Job} missed its occurrence of {Missed:O}: running it once now", job.Name, stored.NextFireTimeUtc);
            }
        }
    }
}
