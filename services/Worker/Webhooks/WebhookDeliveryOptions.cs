using System.ComponentModel.DataAnnotations;
using Decisioning.Webhooks;

namespace Worker.Webhooks;

public sealed class WebhookDeliveryOptions : IValidatableObject
{
    public const string Section = "Webhooks";

    // The consumer's durable quorum queue, bound to the events exchange (Outbox:Exchange) for every event type.
    [Required]
    public string Queue { get; set; } = "decisioning.webhooks";

    // Where messages the consumer cannot use go, with the reason in the header x-decisioning-dead-reason.
    [Required]
    public string DeadLetterExchange { get; set; } = "decisioning.webhooks.dead";

    [Required]
    public string DeadLetterQueue { get; set; } = "decisioning.webhooks.dead";

    // Unacknowledged messages the broker hands the consumer at once; the consumer stores them in batches of up to half
    // this, so the broker can go on sending while a batch is stored.
    [Range(1, 1000)]
    public ushort Prefetch { get; set; } = 64;

    // The waits before the second, third, ... attempt of a delivery (±20% jitter); after the last, the delivery is dead.
    // Empty: WebhookBackoff.DefaultDelays, 5 s up to 12 h. (An array default would be appended to, not replaced, by configuration.)
    public double[] RetryDelaysSeconds { get; set; } = [];

    public IReadOnlyList<TimeSpan> RetryDelays =>
        RetryDelaysSeconds.Length == 0 ? WebhookBackoff.DefaultDelays : [.. RetryDelaysSeconds.Select(TimeSpan.FromSeconds)];

    // An attempt that has no answer within this time has failed.
    [Range(1, 60)]
    public int TimeoutSeconds { get; set; } = 10;

    // How long a sender holds a claimed delivery; one that dies mid-attempt leaves it to others after this.
    [Range(5, 3600)]
    public int LeaseSeconds { get; set; } = 60;

    [Range(10, 60_000)]
    public int PollMilliseconds { get; set; } = 500;

    [Range(1, 1000)]
    public int BatchSize { get; set; } = 50;

    // Attempts in flight at once, across endpoints.
    [Range(1, 256)]
    public int MaxConcurrency { get; set; } = 16;

    // Hosts that may be reached over plain http and at private or loopback addresses (./run.sh allows loopback).
    public string[] AllowedHosts { get; set; } = [];

    // An endpoint's circuit opens when half of at least five attempts within 30 s fail; it stays open this long.
    [Range(1, 3600)]
    public int BreakSeconds { get; set; } = 60;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (LeaseSeconds < TimeoutSeconds + 10)
        {
            yield return new ValidationResult("LeaseSeconds must exceed TimeoutSeconds by at least 10: a claim must outlast its attempt.", [nameof(LeaseSeconds)]);
        }

        if (RetryDelaysSeconds.Any(d => d is <= 0 or > 604_800))
        {
            yield return new ValidationResult("Every retry delay must be above 0 and at most a week.", [nameof(RetryDelaysSeconds)]);
        }
    }
}
