using Microsoft.Extensions.Options;

namespace Pricing.Quoting;

public sealed class PricingOptionsValidator : IValidateOptions<PricingOptions>
{
    // Terms beyond this make no sense for consumer instalment loans and would strain the APR bracket.
    public const int LongestTermMonths = 480;

    public ValidateOptionsResult Validate(string? name, PricingOptions options)
    {
        var failures = Failures(options);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    public static List<string> Failures(PricingOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.PricingVersion))
        {
            failures.Add("Pricing:PricingVersion is required.");
        }

        RequireRange(failures, nameof(options.CostOfFundsPct), options.CostOfFundsPct, 0, 100);
        RequireRange(failures, nameof(options.OperatingCostPct), options.OperatingCostPct, 0, 100);
        RequireRange(failures, nameof(options.MarginPct), options.MarginPct, 0, 100);
        RequireRange(failures, nameof(options.OriginationFeePct), options.OriginationFeePct, 0, 100);
        if (!(options.LossGivenDefault > 0 && options.LossGivenDefault <= 1))
        {
            failures.Add("Pricing:LossGivenDefault must be in (0, 1].");
        }

        if (!(options.MaxAnnualRatePct > 0 && options.MaxAnnualRatePct <= 1000))
        {
            failures.Add("Pricing:MaxAnnualRatePct must be in (0, 1000].");
        }

        if (options.OriginationFeeFlat < 0)
        {
            failures.Add("Pricing:OriginationFeeFlat must not be negative.");
        }

        if (options.Products is null || options.Products.Count == 0)
        {
            failures.Add("Pricing:Products must name at least one product.");
            return failures;
        }

        foreach (var (product, limits) in options.Products)
        {
            ValidateProduct(failures, options, product, limits);
        }

        return failures;
    }

    private static void ValidateProduct(List<string> failures, PricingOptions options, string product, ProductLimits? limits)
    {
        var prefix = $"Pricing:Products:{product}";
        if (limits is null)
        {
            failures.Add($"{prefix} has no limits.");
            return;
        }

        if (!(limits.MinAmount > 0 && limits.MinAmount <= limits.MaxAmount))
        {
            failures.Add($"{prefix}: need 0 < MinAmount <= MaxAmount.");
        }

        if (!(limits.MinTermMonths >= 1 && limits.MinTermMonths <= limits.MaxTermMonths && limits.MaxTermMonths <= LongestTermMonths))
        {
            failures.Add($"{prefix}: need 1 <= MinTermMonths <= MaxTermMonths <= {LongestTermMonths}.");
        }

        // A fee that eats the whole advance leaves nothing to lend and no APR to compute.
        if (limits.MinAmount > 0 && options.OriginationFeePct is >= 0 and < 100
            && options.OriginationFeeFlat + limits.MinAmount * (decimal)options.OriginationFeePct / 100 >= limits.MinAmount)
        {
            failures.Add($"{prefix}: the origination fee must be less than MinAmount.");
        }
    }

    private static void RequireRange(List<string> failures, string name, double value, double min, double max)
    {
        if (!(value >= min && value < max))
        {
            failures.Add($"Pricing:{name} must be in [{min}, {max}).");
        }
    }
}
