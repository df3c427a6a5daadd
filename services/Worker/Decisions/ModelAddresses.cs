using System.ComponentModel.DataAnnotations;

namespace Worker.Decisions;

// Where the model services are (the same settings as the Gateway's): backtests and monitoring ask them.
public sealed class ModelAddresses
{
    public const string Section = "Models";

    [Required]
    public Uri CreditScoringAddress { get; set; } = null!;

    [Required]
    public Uri PricingAddress { get; set; } = null!;
}
