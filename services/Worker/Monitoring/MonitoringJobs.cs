using Quartz;

namespace Worker.Monitoring;

// The champion's drift, hourly: today's figures fill in through the day, and a missed day is caught up the next run.
[DisallowConcurrentExecution]
public sealed class ModelDriftJob(DriftMonitor monitor) : IJob
{
    public const string Name = "model-drift";

    public const string DefaultCron = "0 5 * * * ?";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) => await monitor.RunAsync(cancellationToken);
}

// Approval by age band, hourly, for the fairness report.
[DisallowConcurrentExecution]
public sealed class FairnessJob(FairnessMonitor monitor) : IJob
{
    public const string Name = "fairness";

    public const string DefaultCron = "0 10 * * * ?";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) => await monitor.RunAsync(cancellationToken);
}
