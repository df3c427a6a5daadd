using System.Globalization;
using System.Text.Json;

namespace CreditScoring.UnitTests;

// The committed accuracy report must keep the targets of the models we ship; a retraining that
// loses accuracy fails here before it can be committed unnoticed.
public class AccuracyReportTests
{
    private static string Reports => Path.Combine(RepositoryPaths.Root, "services", "CreditScoring", "models", "reports");

    [Fact]
    public void German_champion_and_challenger_meet_their_auc_and_cost_targets()
    {
        var champion = Summary("german", "german-scorecard-1");
        var challenger = Summary("german", "german-gbm-1");
        var nested = Summary("german", "german-gbm nested");

        Assert.True(champion.GetProperty("aucMean").GetDouble() >= 0.785, $"champion AUC {champion.GetProperty("aucMean")}");
        Assert.True(champion.GetProperty("costAtOneSixth").GetDouble() <= 0.54, $"champion cost {champion.GetProperty("costAtOneSixth")}");
        Assert.True(challenger.GetProperty("aucMean").GetDouble() >= 0.795, $"challenger AUC {challenger.GetProperty("aucMean")}");
        // The unbiased estimate may sit below the selected one, but not by more than the selection can explain.
        Assert.InRange(nested.GetProperty("aucMean").GetDouble(), 0.785, challenger.GetProperty("aucMean").GetDouble() + 0.005);
    }

    [Theory]
    [InlineData("taiwan", 0.78)]
    [InlineData("gmsc", 0.865)]
    public void Evaluation_only_datasets_meet_their_auc_targets(string dataset, double target)
    {
        var auc = Summary(dataset, "XGBoost").GetProperty("aucMean").GetDouble();

        Assert.True(auc >= target, $"{dataset} AUC {auc}");
    }

    [Fact]
    public void Report_states_the_german_aucs_of_the_metrics_file()
    {
        var report = File.ReadAllText(Path.Combine(Reports, "accuracy.md"));

        foreach (var model in new[] { "german-scorecard-1", "german-gbm-1", "german-gbm nested" })
        {
            var auc = Summary("german", model).GetProperty("aucMean").GetDouble().ToString("F4", CultureInfo.InvariantCulture);
            Assert.Contains(report.Split('\n'), line => line.StartsWith($"| {model}", StringComparison.Ordinal) && line.Contains($"| {auc} ±", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Shipped_manifest_records_the_reported_cv_metrics()
    {
        using var manifest = JsonDocument.Parse(CommittedGbm.ManifestJson);
        var recorded = manifest.RootElement.GetProperty("cvMetrics").GetProperty("selected").GetProperty("aucMean").GetDouble();

        Assert.Equal(Summary("german", "german-gbm-1").GetProperty("aucMean").GetDouble(), recorded);
    }

    private static JsonElement Summary(string dataset, string modelPrefix)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Reports, $"{dataset}.json")));
        var model = document.RootElement.GetProperty("models").EnumerateArray()
            .Single(m => m.GetProperty("name").GetString()!.StartsWith(modelPrefix, StringComparison.Ordinal));
        return model.GetProperty("summary").Clone();
    }
}
