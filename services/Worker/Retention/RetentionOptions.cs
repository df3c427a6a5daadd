using System.ComponentModel.DataAnnotations;

namespace Worker.Retention;

// How long the rows that only serve delivery and operations are kept. Decisions, reviews, outcomes and the audit
// log are not here: decisions leave by month (Partitions), and the others are records to keep.
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    // Published outbox events, counted from when they were written. An event not yet published is never deleted.
    [Range(1, 3650)]
    public int OutboxDays { get; set; } = 7;

    // Delivered webhook deliveries (the deliveries API lists them), counted from delivery. Pending, failed and dead
    // deliveries stay: a dead one waits for an operator to redrive it.
    [Range(1, 3650)]
    public int WebhookDeliveryDays { get; set; } = 30;

    // The webhook consumer's message ids; the broker redelivers only unacknowledged messages, so a week is ample.
    [Range(1, 365)]
    public int WebhookInboxDays { get; set; } = 7;

    // The scheduled jobs' run history, by occurrence.
    [Range(1, 3650)]
    public int JobRunDays { get; set; } = 90;

    // Rows deleted per statement (each its own transaction, so locks and WAL come in small steps).
    [Range(100, 100_000)]
    public int BatchSize { get; set; } = 10_000;
}
