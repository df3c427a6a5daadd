using System.Collections.Frozen;
using Decisioning.Policy;

namespace Pricing.Quoting;

// Prices a product, amount and term for every risk grade: the market's rate for the grade and term,
// never below the risk-based floor (so expected loss is always covered), capped. Immutable and
// thread-safe; rates depend only on grade and term, so they are computed once per term at construction.
public sealed class Pricer
{
    private readonly string _pricingVersion;
    private readonly decimal _feeFlat;
    private readonly decimal _feePct;
    private readonly FrozenDictionary<string, ProductLimits> _products;
    private readonly string _productNames;
    private readonly string[] _grades;
    // _floors[term][grade] and _rates[term][grade], with _capped alongside.
    private readonly double[][] _floors;
    private readonly double[][] _rates;
    private readonly bool[][] _capped;

    public Pricer(PricingOptions options, MarketRates market)
    {
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(options);
        var failures = PricingOptionsValidator.Failures(options);
        if (failures.Count > 0)
        {
            throw new ArgumentException("Invalid pricing options: " + string.Join(" ", failures), nameof(options));
        }

        _pricingVersion = options.PricingVersion;
        _feeFlat = options.OriginationFeeFlat;
        _feePct = (decimal)options.OriginationFeePct;
        _products = options.Products.ToFrozenDictionary(StringComparer.Ordinal);
        _productNames = string.Join(", ", options.Products.Keys.Order(StringComparer.Ordinal));
        _grades = [.. RiskGrade.All];

        var longestTerm = options.Products.Values.Max(limits => limits.MaxTermMonths);
        _floors = new double[longestTerm + 1][];
        _rates = new double[longestTerm + 1][];
        _capped = new bool[longestTerm + 1][];
        for (var term = 1; term <= longestTerm; term++)
        {
            _floors[term] = new double[_grades.Length];
            _rates[term] = new double[_grades.Length];
            _capped[term] = new bool[_grades.Length];
            for (var g = 0; g < _grades.Length; g++)
            {
                var floor = RiskBasedRate.FloorPct(options, RiskGrade.UpperProbabilityOfDefault(_grades[g]), term);
                _floors[term][g] = floor;
                _rates[term][g] = RiskBasedRate.OfferedRatePct(floor, market.RatePct(g, term), options.MaxAnnualRatePct, out _capped[term][g]);
            }
        }
    }

    /// <summary>The pricing version stamped on every quote.</summary>
    public string Version => _pricingVersion;

    public Quote Quote(QuoteInput input)
    {
        var limits = Validate(input);
        var amount = input.Amount;
        var term = input.TermMonths;
        var fee = Money.RoundToCent(_feeFlat + amount * _feePct / 100);
        var floors = _floors[term];
        var rates = _rates[term];
        var capped = _capped[term];

        var offers = new GradeOffer[_grades.Length];
        for (var g = 0; g < offers.Length; g++)
        {
            var rate = rates[g];
            if (g > 0 && rate == rates[g - 1])
            {
                // Capped grades share the cap rate: same schedule, same APR.
                offers[g] = offers[g - 1] with { Grade = _grades[g], Capped = capped[g], FloorRatePct = floors[g] };
                continue;
            }

            var payments = Annuity.Monthly(amount, rate, term);
            var apr = AnnualPercentageRate.EuropeanUnionMonthly(
                (double)amount, (double)fee, (double)payments.Instalment, term, (double)payments.FinalInstalment);
            offers[g] = new GradeOffer(
                Grade: _grades[g],
                AnnualRatePct: rate,
                AprPct: Math.Round(apr, 2, MidpointRounding.AwayFromZero),
                MonthlyPayment: payments.Instalment,
                FinalPayment: payments.FinalInstalment,
                TotalRepayable: payments.Total(term) + fee,
                Capped: capped[g],
                FloorRatePct: floors[g]);
        }

        return new Quote(input.Product, _pricingVersion, amount, term, fee, offers);
    }

    private ProductLimits Validate(QuoteInput input)
    {
        if (string.IsNullOrEmpty(input.Product))
        {
            throw new PricingInputException("product", $"product is required; products are {_productNames}.");
        }

        if (!_products.TryGetValue(input.Product, out var limits))
        {
            throw new PricingInputException("product", $"unknown product; products are {_productNames}.");
        }

        if (input.Amount < limits.MinAmount || input.Amount > limits.MaxAmount)
        {
            throw new PricingInputException("amount", $"amount must be between {limits.MinAmount} and {limits.MaxAmount} for this product.");
        }

        if (decimal.Round(input.Amount, 2) != input.Amount)
        {
            throw new PricingInputException("amount", "amount must be a whole number of cents.");
        }

        if (input.TermMonths < limits.MinTermMonths || input.TermMonths > limits.MaxTermMonths)
        {
            throw new PricingInputException("termMonths", $"termMonths must be between {limits.MinTermMonths} and {limits.MaxTermMonths} for this product.");
        }

        return limits;
    }
}
