using System.ComponentModel.DataAnnotations;

namespace Worker.Scheduling;

public sealed class SchedulerOptions
{
    public const string Section = "Scheduler";

    // The jobs' schedules by job name; a job registered in code and not named here runs on its default cron.
    public Dictionary<string, ScheduledJobOptions> Jobs { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    // How often each Worker tells the others it is alive; a Worker that misses its check-in by Quartz's few seconds of
    // grace is taken for dead, and the occurrences it had claimed are run by another.
    [Range(1, 300)]
    public double CheckinIntervalSeconds { get; set; } = 10;

    // How late an occurrence may fire and still count as on time; one later than this was missed (every Worker down or
    // busy) and is replaced by a single run at once.
    [Range(1, 3600)]
    public double MisfireThresholdSeconds { get; set; } = 60;

    // The cron the job runs on (configured, or its default) and whether it runs at all.
    public (string Cron, bool Enabled) ScheduleOf(ScheduledJob job) =>
        Jobs.TryGetValue(job.Name, out var settings)
            ? (string.IsNullOrWhiteSpace(settings.Cron) ? job.DefaultCron : settings.Cron, settings.Enabled)
            : (job.DefaultCron, true);
}
