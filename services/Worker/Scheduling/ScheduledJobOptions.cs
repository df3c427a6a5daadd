namespace Worker.Scheduling;

public sealed class ScheduledJobOptions
{
    // A Quartz cron expression (seconds minutes hours day-of-month month day-of-week [year]) in UTC; empty: the job's default.
    public string? Cron { get; set; }

    // A disabled job is unscheduled at start: no Worker runs it.
    public bool Enabled { get; set; } = true;
}
