using Quartz;

namespace Worker.Scheduling;

// The jobs registered in code, by name. Adding a job is a class implementing IJob and one line in Program.cs:
// jobs.AddJob<TJob>("name", "default cron").
public sealed class ScheduledJobs
{
    private readonly List<ScheduledJob> _jobs = [];

    public IReadOnlyList<ScheduledJob> All => _jobs;

    public ScheduledJobs AddJob<TJob>(string name, string defaultCron)
        where TJob : class, IJob
    {
        if (_jobs.Any(j => string.Equals(j.Name, name, StringComparison.OrdinalIgnoreCase)))
        {
            throw new InvalidOperationException($"A scheduled job named '{name}' is registered twice.");
        }

        _jobs.Add(new ScheduledJob(name, typeof(TJob), defaultCron));
        return this;
    }

    public ScheduledJob? Find(string name) => _jobs.Find(j => string.Equals(j.Name, name, StringComparison.OrdinalIgnoreCase));
}
