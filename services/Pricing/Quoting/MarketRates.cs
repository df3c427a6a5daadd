using System.Text.Json;
using Decisioning.Policy;

namespace Pricing.Quoting;

// What the market charges per risk grade and term, learned from Lending Club's loans
// (services/Pricing/training/train_market_rates.py): rates for the terms it saw, linear between
// them and constant outside them. Non-decreasing from A to G for every term.
public sealed class MarketRates
{
    public const string FileName = "market_rates.json";

    private readonly int[] _terms;
    private readonly double[][] _ratesByTerm;

    private MarketRates(string version, int[] terms, double[][] ratesByTerm)
    {
        Version = version;
        _terms = terms;
        _ratesByTerm = ratesByTerm;
    }

    public string Version { get; }

    public static MarketRates Load(string directory)
    {
        var path = Path.Combine(directory, FileName);
        try
        {
            return Parse(File.ReadAllText(path));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException or InvalidDataException or KeyNotFoundException or InvalidOperationException)
        {
            throw new InvalidDataException($"Market rates at {path} cannot be used: {ex.Message}", ex);
        }
    }

    public static MarketRates Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (root.GetProperty("formatVersion").GetInt32() != 1)
        {
            throw new InvalidDataException("formatVersion must be 1.");
        }

        var grades = root.GetProperty("grades").EnumerateArray().Select(g => g.GetString()).ToArray();
        if (!grades.SequenceEqual(RiskGrade.All))
        {
            throw new InvalidDataException($"grades must be {string.Join(",", RiskGrade.All)}.");
        }

        var byTerm = root.GetProperty("ratesPctByTermMonths").EnumerateObject()
            .Select(term => (Months: int.Parse(term.Name, System.Globalization.CultureInfo.InvariantCulture), Rates: term.Value.EnumerateArray().Select(r => r.GetDouble()).ToArray()))
            .OrderBy(term => term.Months)
            .ToArray();
        if (byTerm.Length == 0)
        {
            throw new InvalidDataException("ratesPctByTermMonths is empty.");
        }

        foreach (var (months, rates) in byTerm)
        {
            if (months < 1 || rates.Length != grades.Length || rates.Any(r => !(r >= 0 && r < 100)))
            {
                throw new InvalidDataException($"the rates for {months} months must be one percentage in [0, 100) per grade.");
            }

            for (var g = 1; g < rates.Length; g++)
            {
                if (rates[g] < rates[g - 1])
                {
                    throw new InvalidDataException($"the rates for {months} months fall from grade {grades[g - 1]} to {grades[g]}.");
                }
            }
        }

        return new MarketRates(root.GetProperty("version").GetString() ?? "", [.. byTerm.Select(t => t.Months)], [.. byTerm.Select(t => t.Rates)]);
    }

    /// <summary>The market's rate in percent for the grade at <paramref name="gradeIndex"/> (0 = A) and a term.</summary>
    public double RatePct(int gradeIndex, int termMonths)
    {
        if (termMonths <= _terms[0])
        {
            return _ratesByTerm[0][gradeIndex];
        }

        for (var i = 1; i < _terms.Length; i++)
        {
            if (termMonths <= _terms[i])
            {
                var share = (double)(termMonths - _terms[i - 1]) / (_terms[i] - _terms[i - 1]);
                return _ratesByTerm[i - 1][gradeIndex] + share * (_ratesByTerm[i][gradeIndex] - _ratesByTerm[i - 1][gradeIndex]);
            }
        }

        return _ratesByTerm[^1][gradeIndex];
    }
}
