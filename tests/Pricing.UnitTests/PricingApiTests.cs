using Decisioning.Contracts.Pricing.V1;
using Decisioning.Contracts.Types.V1;
using Google.Protobuf;
using Grpc.Core;
using Pricing.Quoting;

namespace Pricing.UnitTests;

// What a caller of the Pricing service receives: money to the cent, exactly as the Pricer computed it.
public class PricingApiTests
{
    private static readonly Pricer Pricer = new(TestOptions.Default(feeFlat: 25, feePct: 1), TestMarket.Committed);

    [Theory]
    [InlineData("12345.67", 37)]
    [InlineData("250.01", 6)]
    [InlineData("19999.99", 72)]
    public void Every_offer_carries_the_pricers_money_exactly_including_the_final_instalment(string amountText, int term)
    {
        var amount = decimal.Parse(amountText, System.Globalization.CultureInfo.InvariantCulture);
        var expected = Pricer.Quote(new QuoteInput(TestOptions.Product, amount, term));

        var response = PricingApi.Quote(Pricer, new QuoteRequest { Product = TestOptions.Product, Amount = amount, TermMonths = term });

        Assert.Equal(7, response.Offers.Count);
        for (var g = 0; g < 7; g++)
        {
            var offer = response.Offers[g];
            var monthly = DecimalValue.ToDecimal(offer.MonthlyPayment);
            var final = DecimalValue.ToDecimal(offer.FinalPayment);
            var total = DecimalValue.ToDecimal(offer.TotalRepayable);
            Assert.Equal((expected.Offers[g].MonthlyPayment, expected.Offers[g].FinalPayment, expected.Offers[g].TotalRepayable), (monthly, final, total));
            Assert.Equal(total, monthly * (term - 1) + final + expected.OriginationFee);
        }
    }

    [Fact]
    public void An_amount_with_a_fraction_of_a_cent_is_refused_not_rounded()
    {
        var error = Assert.Throws<RpcException>(() =>
            PricingApi.Quote(Pricer, new QuoteRequest { Product = TestOptions.Product, Amount = 5000.005m, TermMonths = 24 }));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("cents", error.Message);
    }

    [Theory]
    [InlineData(5000, -1)]
    [InlineData(-5000, 1)]
    [InlineData(0, 1_000_000_000)]
    public void A_malformed_amount_is_an_invalid_argument(long units, int nanos)
    {
        var error = Assert.Throws<RpcException>(() =>
            PricingApi.Quote(Pricer, new QuoteRequest { Product = TestOptions.Product, Amount = new DecimalValue { Units = units, Nanos = nanos }, TermMonths = 24 }));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("12.34")]
    [InlineData("-0.5")]
    [InlineData("-1234.56")]
    [InlineData("79228162.514264337")]
    public void Money_survives_the_wire_exactly(string text)
    {
        var value = decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

        var received = DecimalValue.Parser.ParseFrom(((DecimalValue)value).ToByteArray());

        Assert.Equal(text, DecimalValue.ToDecimal(received).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void A_quote_for_the_serving_version_is_priced_and_one_for_another_version_is_not_found_rather_than_approximated()
    {
        var serving = PricingApi.Quote(Pricer, new QuoteRequest { Product = TestOptions.Product, Amount = 5000m, TermMonths = 24, PricingVersion = Pricer.Version });
        Assert.Equal(Pricer.Version, serving.PricingVersion);

        var error = Assert.Throws<RpcException>(() =>
            PricingApi.Quote(Pricer, new QuoteRequest { Product = TestOptions.Product, Amount = 5000m, TermMonths = 24, PricingVersion = "pricing-0" }));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Contains("pricing-0", error.Status.Detail, StringComparison.Ordinal);
    }
}
