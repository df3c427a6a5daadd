using Decisioning.Contracts.Inference;
using Decisioning.Contracts.Pricing.V1;
using Decisioning.Contracts.Types.V1;
using Grpc.Core;
using Pricing.Inference;
using Pricing.Quoting;

namespace Pricing.UnitTests.Inference;

public sealed class PricingInferenceModelTests
{
    private static readonly Pricer Pricer = new(TestOptions.Default(feeFlat: 25, maxAnnualRatePct: 20), TestMarket.Committed);
    private static readonly PricingInferenceModel Model = new(Pricer, "pricing-1");

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_batch_prices_each_row_and_grade_exactly_as_the_typed_api(bool raw)
    {
        (double Amount, int Term)[] rows = [(5000, 24), (250, 6), (19999.99, 72)];
        var request = new InferenceRequestBuilder("pricing", "pricing-1", raw)
            .AddBytes("product", [.. rows.Select(_ => TestOptions.Product)])
            .AddFp64("amount", [.. rows.Select(r => r.Amount)])
            .AddInt32("term_months", [.. rows.Select(r => r.Term)])
            .Build();

        var outputs = new InferenceOutputs(Model.Infer(request));

        Assert.Equal(["A", "B", "C", "D", "E", "F", "G"], outputs.Strings("grades"));
        Assert.Equal([3L, 7L], outputs.Shape("annual_rate_pct"));
        var rate = outputs.Fp64("annual_rate_pct");
        var apr = outputs.Fp64("apr_pct");
        var monthly = outputs.Fp64("monthly_payment");
        var final = outputs.Fp64("final_payment");
        var total = outputs.Fp64("total_repayable");
        var floor = outputs.Fp64("floor_rate_pct");
        var capped = outputs.Bool("capped");
        for (var r = 0; r < rows.Length; r++)
        {
            var typed = PricingApi.Quote(Pricer, new QuoteRequest { Product = TestOptions.Product, Amount = (decimal)rows[r].Amount, TermMonths = rows[r].Term });
            for (var g = 0; g < 7; g++)
            {
                var offer = typed.Offers[g];
                var at = r * 7 + g;
                Assert.Equal(
                    (offer.AnnualRatePct, offer.AprPct, Money(offer.MonthlyPayment), Money(offer.FinalPayment), Money(offer.TotalRepayable), offer.FloorRatePct, offer.Capped),
                    (rate[at], apr[at], monthly[at], final[at], total[at], floor[at], capped[at]));
            }
        }

        Assert.Contains(true, capped);
        Assert.Contains(false, capped);
    }

    [Fact]
    public void Term_months_may_come_as_a_whole_FP64()
    {
        var request = new InferenceRequestBuilder("pricing").AddBytes("product", TestOptions.Product).AddFp64("amount", 5000).AddFp64("term_months", 24).Build();

        var outputs = new InferenceOutputs(Model.Infer(request));

        Assert.Equal((double)Pricer.Quote(new QuoteInput(TestOptions.Product, 5000, 24)).Offers[0].MonthlyPayment, outputs.Fp64("monthly_payment")[0]);
    }

    [Theory]
    [InlineData("car_lease", 5000, 24, "input 'product': row 1: unknown product")]
    [InlineData(TestOptions.Product, 20000.5, 24, "input 'amount': row 1: amount must be between 250 and 20000")]
    [InlineData(TestOptions.Product, 5000, 73, "input 'term_months': row 1: termMonths must be between 6 and 72")]
    public void A_value_the_product_does_not_allow_is_invalid_and_names_the_input_and_row(string product, double amount, int term, string fragment)
    {
        var request = new InferenceRequestBuilder("pricing")
            .AddBytes("product", TestOptions.Product, product)
            .AddFp64("amount", 5000, amount)
            .AddInt32("term_months", 24, term)
            .Build();

        AssertInvalid(() => Model.Infer(request), fragment);
    }

    [Fact]
    public void Missing_inputs_and_wrong_datatypes_are_invalid_and_named()
    {
        var missing = new InferenceRequestBuilder("pricing").AddBytes("product", TestOptions.Product).AddFp64("amount", 5000).Build();
        var wrongType = new InferenceRequestBuilder("pricing").AddBytes("product", TestOptions.Product).AddBytes("amount", "5000").AddInt32("term_months", 24).Build();

        AssertInvalid(() => Model.Infer(missing), "input 'term_months' is missing");
        AssertInvalid(() => Model.Infer(wrongType), "input 'amount': datatype 'BYTES'");
    }

    [Fact]
    public async Task The_server_knows_the_model_by_name_and_pricing_version_only()
    {
        var server = new InferenceServer("decisioning-pricing", "1.0.0", [Model]);

        var metadata = await server.ModelMetadata(new ModelMetadataRequest { Name = "pricing" }, null!);

        Assert.Equal(["pricing-1"], metadata.Versions);
        Assert.Equal(["product", "amount", "term_months"], metadata.Inputs.Select(i => i.Name));
        Assert.Equal([-1L, 7L], metadata.Outputs.Single(o => o.Name == "apr_pct").Shape);
        Assert.Equal(StatusCode.NotFound, Assert.Throws<RpcException>(() => server.ModelMetadata(new ModelMetadataRequest { Name = "pricing", Version = "pricing-2" }, null!).Result).StatusCode);
        Assert.Equal(StatusCode.NotFound, Assert.Throws<RpcException>(() => server.ModelReady(new ModelReadyRequest { Name = "german-scorecard" }, null!).Result).StatusCode);
        Assert.Equal("decisioning-pricing", (await server.ServerMetadata(new ServerMetadataRequest(), null!)).Name);
    }

    private static void AssertInvalid(Action action, string fragment)
    {
        var e = Assert.Throws<RpcException>(action);
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Contains(fragment, e.Status.Detail, StringComparison.Ordinal);
    }

    private static double Money(DecimalValue value) => (double)DecimalValue.ToDecimal(value);
}
