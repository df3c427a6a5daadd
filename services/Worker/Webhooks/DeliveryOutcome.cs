namespace Worker.Webhooks;

// What to record of a claimed delivery: its new status, whether an attempt was made (and its result), and when to try
// next (null once delivered or dead).
public sealed record DeliveryOutcome(string Status, bool Attempted, int? StatusCode, string? Error, DateTime? NextAttemptAt);
