namespace Worker.Monitoring;

// Approval rates by age band, per tenant and day (UTC), for the fairness report: the last week recomputed on every
// run (a day's counts only change until it ends).
public sealed class FairnessMonitor(MonitoringStore store, TimeProvider clock, ILogger<FairnessMonitor> logger)
{
    public const int DaysBack = 7;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var today = clock.GetUtcNow().UtcDateTime.Date;
        var rows = await store.SaveFairnessAsync(today.AddDays(-DaysBack), today.AddDays(1), cancellationToken);
        logger.LogInformation("Approval by age band computed: {Rows} tenant-day-band rows", rows);
    }
}
