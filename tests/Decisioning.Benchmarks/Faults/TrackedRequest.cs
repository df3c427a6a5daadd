namespace Decisioning.Benchmarks.Faults;

// One decision request of the fault run, as the lending app sees it: every attempt with the same Idempotency-Key
// until one is acknowledged (201, or 200 replayed), a 4xx ends it, or the run's retry deadline passes.
public sealed class TrackedRequest(string key, string applicationId, long scheduledUnixMs, byte[] body)
{
    public string Key { get; } = key;

    public string ApplicationId { get; } = applicationId;

    public long ScheduledUnixMs { get; } = scheduledUnixMs;

    public byte[] Body { get; } = body;

    public int Attempts { get; set; }

    // An attempt before the acknowledged one failed (connection error, timeout, 5xx, 429).
    public bool Retried { get; set; }

    public int? AcknowledgedStatus { get; set; }

    public string? AcknowledgedBody { get; set; }

    public Guid? DecisionId { get; set; }

    public string? Outcome { get; set; }

    // The status that ended it without a decision (a 4xx), or null.
    public int? RejectedStatus { get; set; }

    // 5xx answers other than 503 with Retry-After.
    public int Violations { get; set; }
}
