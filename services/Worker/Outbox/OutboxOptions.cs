using System.ComponentModel.DataAnnotations;

namespace Worker.Outbox;

public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    // How often the backlog (unpublished events, oldest age) is read for /metrics.
    [Range(1, 3600)]
    public int MonitorIntervalSeconds { get; set; } = 15;
}
