using Microsoft.Extensions.Options;

namespace Worker.Scheduling;

// Refuses to start on a schedule that cannot run: a cron Quartz cannot read (named with the job and the expression),
// or settings for a job the Worker does not have (a misspelt name would otherwise leave the real job on its default).
public sealed class SchedulerOptionsValidator(ScheduledJobs jobs) : IValidateOptions<SchedulerOptions>
{
    public ValidateOptionsResult Validate(string? name, SchedulerOptions options)
    {
        var failures = new List<string>();
        foreach (var (jobName, settings) in options.Jobs)
        {
            if (jobs.Find(jobName) is null)
            {
                failures.Add($"{SchedulerOptions.Section}:Jobs:{jobName} names no scheduled job; the Worker's jobs are: {string.Join(", ", jobs.All.Select(j => j.Name))}.");
            }
            else if (!string.IsNullOrWhiteSpace(settings.Cron) && CronSchedule.TryParse(settings.Cron, out var problem) is null)
            {
                failures.Add($"{SchedulerOptions.Section}:Jobs:{jobName}:Cron '{settings.Cron}' of job '{jobName}' is not a Quartz cron expression " +
                    $"(seconds minutes hours day-of-month month day-of-week [year], in UTC): {problem}");
            }
        }

        foreach (var job in jobs.All.Where(j => CronSchedule.TryParse(j.DefaultCron, out _) is null))
        {
            failures.Add($"The default cron '{job.DefaultCron}' of job '{job.Name}' is not a Quartz cron expression.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
