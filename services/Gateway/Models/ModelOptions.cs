using System.ComponentModel.DataAnnotations;

namespace Gateway.Models;

public sealed class ModelOptions
{
    public const string Section = "Models";

    [Required]
    public Uri CreditScoringAddress { get; set; } = null!;

    [Required]
    public Uri PricingAddress { get; set; } = null!;

    // One deadline for both calls, which run concurrently.
    [Range(10, 10_000)]
    public int BudgetMilliseconds { get; set; } = 150;

    // A replay is not on the decision path: it may wait longer for its answers.
    [Range(100, 60_000)]
    public int ReplayBudgetMilliseconds { get; set; } = 5_000;
}
