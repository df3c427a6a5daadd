using Pricing.Quoting;

namespace Pricing.UnitTests;

internal static class TestMarket
{
    // A market below every floor: the offered rate is the floor, which isolates the risk-based part.
    public static readonly MarketRates BelowFloors = MarketRates.Parse("""
        {"formatVersion": 1, "version": "test", "grades": ["A","B","C","D","E","F","G"],
         "ratesPctByTermMonths": {"36": [1, 1, 1, 1, 1, 1, 1]}}
        """);

    // The committed model learned from Lending Club.
    public static readonly MarketRates Committed = MarketRates.Load(Path.Combine(RepositoryRoot(), "services", "Pricing", "models", "market-rates", "1"));

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Decisioning.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Decisioning.sln not found above the test assembly.");
    }
}
