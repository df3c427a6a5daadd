using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Pricing.Quoting;

namespace Pricing.UnitTests;

public class PricingOptionsTests
{
    [Fact]
    public void The_shipped_appsettings_bind_to_valid_options_with_the_personal_loan()
    {
        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: false)
            .Build();

        var options = configuration.GetSection(PricingOptions.SectionName).Get<PricingOptions>()!;

        Assert.Empty(PricingOptionsValidator.Failures(options));
        Assert.Equal("pricing-2", options.PricingVersion);
        Assert.Equal("models/market-rates/1", configuration["Pricing:MarketRatesDirectory"]);
        var personalLoan = options.Products["personal_loan"];
        Assert.Equal((250m, 20000m, 6, 72), (personalLoan.MinAmount, personalLoan.MaxAmount, personalLoan.MinTermMonths, personalLoan.MaxTermMonths));
    }

    [Fact]
    public void AddPricing_registers_a_pricer_built_from_the_pricing_section()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(ValidSettings());
        builder.AddPricing();
        using var host = builder.Build();

        var quote = host.Services.GetRequiredService<Pricer>().Quote(new QuoteInput("personal_loan", 5000m, 12));

        Assert.Equal("pricing-test", quote.PricingVersion);
        Assert.Equal(9.6, quote.Offers[0].AnnualRatePct);
    }

    [Fact]
    public void AddPricing_refuses_an_invalid_pricing_section()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        var settings = ValidSettings();
        settings["Pricing:Products:personal_loan:MinAmount"] = "30000";
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddPricing();
        using var host = builder.Build();

        var error = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<Pricer>());

        Assert.Contains("personal_loan", error.Message);
    }

    public static TheoryData<string, Func<PricingOptions, PricingOptions>> BrokenOptions => new()
    {
        { "PricingVersion", o => With(o, version: " ") },
        { "CostOfFundsPct", o => With(o, costOfFunds: -0.1) },
        { "LossGivenDefault", o => With(o, lgd: 1.5) },
        { "LossGivenDefault", o => With(o, lgd: double.NaN) },
        { "MaxAnnualRatePct", o => With(o, cap: 0) },
        { "OriginationFeeFlat", o => With(o, feeFlat: -1) },
        { "origination fee", o => With(o, feeFlat: 250) },
        { "Products", o => With(o, products: []) },
        { "MinAmount", o => With(o, limits: new ProductLimits { MinAmount = 500, MaxAmount = 100, MinTermMonths = 6, MaxTermMonths = 72 }) },
        { "MinTermMonths", o => With(o, limits: new ProductLimits { MinAmount = 250, MaxAmount = 20000, MinTermMonths = 0, MaxTermMonths = 72 }) },
        { "MaxTermMonths", o => With(o, limits: new ProductLimits { MinAmount = 250, MaxAmount = 20000, MinTermMonths = 6, MaxTermMonths = 481 }) },
    };

    [Theory]
    [MemberData(nameof(BrokenOptions))]
    public void The_validator_names_what_is_wrong(string expected, Func<PricingOptions, PricingOptions> breakOptions)
    {
        var result = new PricingOptionsValidator().Validate(null, breakOptions(TestOptions.Default()));

        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage);
    }

    [Fact]
    public void The_test_defaults_are_valid()
    {
        Assert.True(new PricingOptionsValidator().Validate(null, TestOptions.Default(feeFlat: 25, feePct: 1)).Succeeded);
    }

    private static Dictionary<string, string?> ValidSettings() => new()
    {
        ["Pricing:PricingVersion"] = "pricing-test",
        ["Pricing:MarketRatesDirectory"] = Path.Combine(AppContext.BaseDirectory, "models", "market-rates", "1"),
        ["Pricing:CostOfFundsPct"] = "3.5",
        ["Pricing:LossGivenDefault"] = "0.65",
        ["Pricing:OperatingCostPct"] = "2.0",
        ["Pricing:MarginPct"] = "1.5",
        ["Pricing:MaxAnnualRatePct"] = "36",
        ["Pricing:Products:personal_loan:MinAmount"] = "250",
        ["Pricing:Products:personal_loan:MaxAmount"] = "20000",
        ["Pricing:Products:personal_loan:MinTermMonths"] = "6",
        ["Pricing:Products:personal_loan:MaxTermMonths"] = "72",
    };

    private static PricingOptions With(
        PricingOptions o, string? version = null, double? costOfFunds = null, double? lgd = null, double? cap = null,
        decimal? feeFlat = null, Dictionary<string, ProductLimits>? products = null, ProductLimits? limits = null) => new()
        {
            PricingVersion = version ?? o.PricingVersion,
            CostOfFundsPct = costOfFunds ?? o.CostOfFundsPct,
            LossGivenDefault = lgd ?? o.LossGivenDefault,
            OperatingCostPct = o.OperatingCostPct,
            MarginPct = o.MarginPct,
            MaxAnnualRatePct = cap ?? o.MaxAnnualRatePct,
            OriginationFeeFlat = feeFlat ?? o.OriginationFeeFlat,
            OriginationFeePct = o.OriginationFeePct,
            Products = products ?? (limits is null ? o.Products : new() { [TestOptions.Product] = limits }),
        };
}
