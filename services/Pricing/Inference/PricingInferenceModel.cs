using Decisioning.Contracts.Inference;
using Grpc.Core;
using Decisioning.Policy;
using Pricing.Quoting;

namespace Pricing.Inference;

// The Pricer as an Open Inference Protocol model. Inputs, shape [N,1] or [N]: product BYTES, amount FP64
// (a whole number of cents), term_months INT32 (any whole number type). Outputs: grades BYTES [7] (A..G),
// and per row and grade, in that order, FP64 [N,7] annual_rate_pct, apr_pct, monthly_payment,
// final_payment, total_repayable, floor_rate_pct, and BOOL [N,7] capped. The version is the pricing version.
public sealed class PricingInferenceModel : IInferenceModel
{
    public const string ModelName = "pricing";
    public const string Product = "product";
    public const string Amount = "amount";
    public const string TermMonths = "term_months";
    public const string Grades = "grades";
    public const string AnnualRatePct = "annual_rate_pct";
    public const string AprPct = "apr_pct";
    public const string MonthlyPayment = "monthly_payment";
    public const string FinalPayment = "final_payment";
    public const string TotalRepayable = "total_repayable";
    public const string FloorRatePct = "floor_rate_pct";
    public const string Capped = "capped";

    private static readonly int GradeCount = RiskGrade.All.Count;

    private readonly Pricer _pricer;

    public PricingInferenceModel(Pricer pricer, string pricingVersion)
    {
        ArgumentNullException.ThrowIfNull(pricer);
        ArgumentException.ThrowIfNullOrEmpty(pricingVersion);
        _pricer = pricer;
        Version = pricingVersion;
    }

    public string Name => ModelName;

    public string Version { get; }

    public string Platform => "decisioning_pricing";

    public IReadOnlyList<InferenceTensorSpec> Inputs { get; } =
    [
        new(Product, InferenceDatatype.Bytes, [-1, 1]),
        new(Amount, InferenceDatatype.Fp64, [-1, 1]),
        new(TermMonths, InferenceDatatype.Int32, [-1, 1]),
    ];

    public IReadOnlyList<InferenceTensorSpec> Outputs { get; } =
    [
        new(Grades, InferenceDatatype.Bytes, [GradeCount]),
        new(AnnualRatePct, InferenceDatatype.Fp64, [-1, GradeCount]),
        new(AprPct, InferenceDatatype.Fp64, [-1, GradeCount]),
        new(MonthlyPayment, InferenceDatatype.Fp64, [-1, GradeCount]),
        new(FinalPayment, InferenceDatatype.Fp64, [-1, GradeCount]),
        new(TotalRepayable, InferenceDatatype.Fp64, [-1, GradeCount]),
        new(FloorRatePct, InferenceDatatype.Fp64, [-1, GradeCount]),
        new(Capped, InferenceDatatype.Bool, [-1, GradeCount]),
    ];

    public ModelInferResponse Infer(ModelInferRequest request)
    {
        var inputs = InferenceInputs.Read(request, Inputs);
        var response = new InferenceResponseBuilder(this, request, inputs.UsesRawContents);
        var products = inputs.Strings(Product);
        var amounts = inputs.Numbers(Amount);
        var terms = inputs.WholeNumbers(TermMonths);
        var rows = inputs.Rows;
        var cells = rows * GradeCount;
        var annualRate = new double[cells];
        var apr = new double[cells];
        var monthly = new double[cells];
        var final = new double[cells];
        var total = new double[cells];
        var floor = new double[cells];
        var capped = new bool[cells];
        for (var r = 0; r < rows; r++)
        {
            var quote = Quote(products[r], amounts[r], terms[r], r);
            for (var g = 0; g < GradeCount; g++)
            {
                var offer = quote.Offers[g];
                var at = r * GradeCount + g;
                annualRate[at] = offer.AnnualRatePct;
                apr[at] = offer.AprPct;
                monthly[at] = (double)offer.MonthlyPayment;
                final[at] = (double)offer.FinalPayment;
                total[at] = (double)offer.TotalRepayable;
                floor[at] = offer.FloorRatePct;
                capped[at] = offer.Capped;
            }
        }

        long[] grid = [rows, GradeCount];
        return response
            .AddBytes(Grades, [GradeCount], RiskGrade.All)
            .AddFp64(AnnualRatePct, grid, annualRate)
            .AddFp64(AprPct, grid, apr)
            .AddFp64(MonthlyPayment, grid, monthly)
            .AddFp64(FinalPayment, grid, final)
            .AddFp64(TotalRepayable, grid, total)
            .AddFp64(FloorRatePct, grid, floor)
            .AddBool(Capped, grid, capped)
            .Build();
    }

    private Quote Quote(string product, double amount, int termMonths, int row)
    {
        // The same conversion as the typed Quote API, so both price a request identically.
        if (!double.IsFinite(amount) || Math.Abs(amount) > 1e12)
        {
            throw Invalid($"input '{Amount}': row {row} is not a finite amount.");
        }

        try
        {
            return _pricer.Quote(new QuoteInput(product, Math.Round((decimal)amount, 2), termMonths));
        }
        catch (PricingInputException e)
        {
            var input = e.Field switch
            {
                "product" => Product,
                "amount" => Amount,
                _ => TermMonths,
            };
            throw Invalid($"input '{input}': row {row}: {e.Message}");
        }
    }

    private static RpcException Invalid(string message) => new(new Status(StatusCode.InvalidArgument, message));
}
