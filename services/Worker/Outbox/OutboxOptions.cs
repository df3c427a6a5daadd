using System.ComponentModel.DataAnnotations;

namespace Worker.Outbox;

public sealed class OutboxOptions : IValidatableObject
{
    public const string Section = "Outbox";

    // How often the backlog (unpublished events, oldest age) is read for /metrics.
    [Range(1, 3600)]
    public int MonitorIntervalSeconds { get; set; } = 15;

    // The broker the relay publishes to, e.g. amqp://guest:guest@127.0.0.1:5672/. Empty: the relay does not run
    // and events wait in the outbox (a deployment without a broker still decides).
    public string RabbitMqUri { get; set; } = "";

    // The durable topic exchange events are published to, with their event type as routing key.
    [Required]
    public string Exchange { get; set; } = "decisioning.events";

    // Events claimed, published and marked in one database transaction.
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 200;

    // The pause after a round that found fewer than BatchSize events; a full batch is followed at once.
    [Range(10, 60_000)]
    public int PollMilliseconds { get; set; } = 500;

    // Bounds of the exponential backoff (with jitter) between failed attempts.
    [Range(10, 600_000)]
    public int RetryMinMilliseconds { get; set; } = 500;

    [Range(10, 600_000)]
    public int RetryMaxMilliseconds { get; set; } = 30_000;

    // How long the broker may take to confirm a batch before the attempt counts as failed and is rolled back.
    [Range(1, 300)]
    public int ConfirmTimeoutSeconds { get; set; } = 15;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (RetryMaxMilliseconds < RetryMinMilliseconds)
        {
            yield return new ValidationResult("RetryMaxMilliseconds must not be below RetryMinMilliseconds.", [nameof(RetryMaxMilliseconds)]);
        }

        if (RabbitMqUri.Length > 0
            && !(Uri.TryCreate(RabbitMqUri, UriKind.Absolute, out var uri) && uri.Scheme is "amqp" or "amqps"))
        {
            yield return new ValidationResult("RabbitMqUri must be an amqp:// or amqps:// URI, or empty to leave the relay off.", [nameof(RabbitMqUri)]);
        }
    }
}
