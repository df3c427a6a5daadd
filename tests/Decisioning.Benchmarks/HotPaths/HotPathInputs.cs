using System.Text.Json.Nodes;
using CreditScoring.Gbm;
using CreditScoring.Scoring;
using CreditScoring.UnitTests;
using Pricing.Quoting;

namespace Decisioning.Benchmarks.HotPaths;

// The shipped models and the German credit applicants, read in place from the repository.
public static class HotPathInputs
{
    public const int ApplicantCount = 1000;

    public static IReadOnlyList<ApplicantFeatures> Applicants()
    {
        var applicants = GermanCreditRows.Load();
        return applicants.Count == ApplicantCount
            ? applicants
            : throw new InvalidDataException($"german.data has {applicants.Count} rows, expected {ApplicantCount}.");
    }

    public static Scorecard Scorecard() => CreditScoring.Scoring.Scorecard.Load(RepositoryPaths.ModelDirectory);

    // The shipped model cut to its first trees: a smaller model of the same shape, without a second model file.
    public static GradientBoostedModel Gbm(int trees, TreeShapAlgorithm shap = TreeShapAlgorithm.LeafTables)
    {
        var directory = Path.Combine(RepositoryPaths.Root, "services", "CreditScoring", "models", "german-gbm", "1");
        var model = JsonNode.Parse(File.ReadAllText(Path.Combine(directory, GradientBoostedModel.ModelFileName)))!;
        var booster = model["learner"]!["gradient_booster"]!["model"]!;
        var all = booster["trees"]!.AsArray();
        if (trees < 1 || trees > all.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(trees), $"the shipped model has {all.Count} trees.");
        }

        booster["trees"] = new JsonArray([.. all.Take(trees).Select(t => t!.DeepClone())]);
        booster["tree_info"] = new JsonArray([.. booster["tree_info"]!.AsArray().Take(trees).Select(t => t!.DeepClone())]);
        booster["gbtree_model_param"]!["num_trees"] = trees.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var manifest = File.ReadAllText(Path.Combine(directory, GradientBoostedModel.ManifestFileName));
        return GradientBoostedModel.Parse(model.ToJsonString(), manifest, shap);
    }

    // The Pricing service's own settings and market-rate model.
    public static Pricer Pricer()
    {
        var service = Path.Combine(RepositoryPaths.Root, "services", "Pricing");
        var configuration = new ConfigurationBuilder().AddJsonFile(Path.Combine(service, "appsettings.json")).Build();
        var options = configuration.GetSection(PricingOptions.SectionName).Get<PricingOptions>()
            ?? throw new InvalidDataException("appsettings.json has no Pricing section.");
        var market = MarketRates.Load(Path.Combine(service, configuration["Pricing:MarketRatesDirectory"]
            ?? throw new InvalidDataException("Pricing:MarketRatesDirectory is not set.")));
        return new Pricer(options, market);
    }
}
