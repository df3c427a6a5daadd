using System.ComponentModel.DataAnnotations;

namespace Gateway.Models;

public sealed class ModelOptions
{
    public const string Section = "Models";

    // An address is http://host:port (one server), dns:///host:port (every address the name resolves to, e.g. a
    // headless Kubernetes service) or static:///{name} (the host:port list under Replicas:{name}).
    [Required]
    public Uri CreditScoringAddress { get; set; } = null!;

    [Required]
    public Uri PricingAddress { get; set; } = null!;

    // The replicas of each static:///{name} address, as host:port.
    public Dictionary<string, string[]> Replicas { get; set; } = [];

    // How often a dns:/// address is resolved again, so that new replicas get calls.
    [Range(1, 3_600)]
    public int DnsRefreshSeconds { get; set; } = 30;

    // One deadline for both calls, which run concurrently.
    [Range(10, 10_000)]
    public int BudgetMilliseconds { get; set; } = 150;

    // A replay is not on the decision path: it may wait longer for its answers.
    [Range(100, 60_000)]
    public int ReplayBudgetMilliseconds { get; set; } = 5_000;
}
