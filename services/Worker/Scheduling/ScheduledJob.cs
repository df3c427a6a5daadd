namespace Worker.Scheduling;

// A job the Worker knows how to run: its name (the key of its settings under Scheduler:Jobs), its Quartz job type and
// the cron it runs on unless configured otherwise.
public sealed record ScheduledJob(string Name, Type JobType, string DefaultCron);
