using Decisioning.Data;
using Microsoft.Extensions.Options;
using Quartz;

namespace Worker.Retention;

// Deletes what is past its retention (RetentionOptions): published outbox events, delivered webhook deliveries, the
// webhook consumer's old message ids and the schedule's old runs. Run by the scheduler (job "retention"); a run that
// fails part-way has deleted whole batches only, and the next occurrence goes on from there.
[DisallowConcurrentExecution]
public sealed class RetentionJob(RetentionStore store, IOptions<RetentionOptions> options, ILogger<RetentionJob> logger) : IJob
{
    public const string Name = "retention";

    // Hourly, so a run deletes about an hour of rows.
    public const string DefaultCron = "0 20 * * * ?";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        using var timing = DatabaseMetrics.Time("retention");
        var o = options.Value;
        var outbox = await store.DeleteOutboxAsync(TimeSpan.FromDays(o.OutboxDays), o.BatchSize, cancellationToken);
        var deliveries = await store.DeleteDeliveriesAsync(TimeSpan.FromDays(o.WebhookDeliveryDays), o.BatchSize, cancellationToken);
        var inbox = await store.DeleteInboxAsync(TimeSpan.FromDays(o.WebhookInboxDays), o.BatchSize, cancellationToken);
        var runs = await store.DeleteJobRunsAsync(TimeSpan.FromDays(o.JobRunDays), cancellationToken);
        logger.LogInformation(
            "Retention: deleted {Outbox} outbox events, {Deliveries} webhook deliveries, {Inbox} webhook message ids and {Runs} job runs",
            outbox, deliveries, inbox, runs);
    }
}
