using BenchmarkDotNet.Attributes;
using Pricing.Quoting;

namespace Decisioning.Benchmarks.HotPaths;

// A quote for every grade, for each German credit applicant's amount and term (terms below the
// product's six months are raised to six).
[MemoryDiagnoser]
public class PricerBenchmarks
{
    private const string Product = "personal_loan";

    private Pricer pricer = null!;
    private QuoteInput[] inputs = [];

    [GlobalSetup]
    public void Setup()
    {
        pricer = HotPathInputs.Pricer();
        inputs = [.. HotPathInputs.Applicants().Select(a => new QuoteInput(Product, (decimal)a.Amount, Math.Max(6, a.TermMonths)))];
    }

    [Benchmark(OperationsPerInvoke = HotPathInputs.ApplicantCount)]
    public decimal Quote()
    {
        var sum = 0m;
        foreach (var input in inputs)
        {
            sum += pricer.Quote(input).Offers[0].MonthlyPayment;
        }

        return sum;
    }
}
