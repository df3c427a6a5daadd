using System.Text.Json;
using Decisioning.IntegrationTests.Infrastructure;

namespace Decisioning.IntegrationTests.Models;

// CI retrains the shipped German models (the challenger with its committed tuning choices: the tuning
// itself takes minutes) and the market-rate model from the data, and checks that training reproduces
// the committed files (model, manifest, parity file, model card) byte for byte and that the models meet
// their published targets.
public sealed class TrainingTests : IDisposable
{
    private readonly string _out = Directory.CreateTempSubdirectory("training-").FullName;

    [Fact]
    public async Task Retraining_the_scorecard_reproduces_the_shipped_model_and_meets_the_published_targets()
    {
        var shipped = Path.Combine(RepositoryPaths.Root, "services", "CreditScoring", "models", "german-scorecard", "1");
        var createdAt = JsonDocument.Parse(File.ReadAllText(Path.Combine(shipped, "manifest.json"))).RootElement.GetProperty("createdAt").GetString()!;

        await ProcessRunner.RunAsync("/usr/bin/python3",
            [Path.Combine(RepositoryPaths.Root, "services", "CreditScoring", "training", "train_scorecard.py"), "--datasets", RepositoryPaths.Datasets, "--out", _out, "--created-at", createdAt],
            TimeSpan.FromMinutes(5));

        foreach (var file in new[] { "model.json", "manifest.json", "parity.csv", "card.json", "card.md" })
        {
            Assert.True(File.ReadAllBytes(Path.Combine(shipped, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(_out, file))), $"{file} differs from the shipped one");
        }

        var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(_out, "manifest.json"))).RootElement.GetProperty("cvMetrics").GetProperty("selectedC");
        Assert.True(metrics.GetProperty("aucMean").GetDouble() >= 0.785);
        Assert.True(metrics.GetProperty("costAtOneSixth").GetDouble() <= 0.55);
    }

    [Fact]
    public async Task Refitting_the_challenger_reproduces_the_shipped_model_and_card_and_meets_the_published_target()
    {
        var shipped = Path.Combine(RepositoryPaths.Root, "services", "CreditScoring", "models", "german-gbm", "1");
        var createdAt = JsonDocument.Parse(File.ReadAllText(Path.Combine(shipped, "manifest.json"))).RootElement.GetProperty("createdAt").GetString()!;

        await ProcessRunner.RunAsync("/usr/bin/python3",
            [Path.Combine(RepositoryPaths.Root, "services", "CreditScoring", "training", "train_challenger.py"), "--refit", "--datasets", RepositoryPaths.Datasets, "--out", _out, "--created-at", createdAt],
            TimeSpan.FromMinutes(5));

        foreach (var file in new[] { "model.json", "manifest.json", "parity.csv", "card.json", "card.md" })
        {
            Assert.True(File.ReadAllBytes(Path.Combine(shipped, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(_out, file))), $"{file} differs from the shipped one");
        }

        Assert.True(JsonDocument.Parse(File.ReadAllText(Path.Combine(_out, "refit.json"))).RootElement.GetProperty("aucMean").GetDouble() >= 0.795);
    }

    [Fact]
    public async Task Retraining_the_market_rates_reproduces_the_shipped_model()
    {
        var shipped = Path.Combine(RepositoryPaths.Root, "services", "Pricing", "models", "market-rates", "1");

        await ProcessRunner.RunAsync("/usr/bin/python3",
            [Path.Combine(RepositoryPaths.Root, "services", "Pricing", "training", "train_market_rates.py"), "--datasets", RepositoryPaths.Datasets, "--out", _out],
            TimeSpan.FromMinutes(2));

        foreach (var file in new[] { "market_rates.json", "manifest.json" })
        {
            Assert.True(File.ReadAllBytes(Path.Combine(shipped, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(_out, file))), $"{file} differs from the shipped one");
        }
    }

    public void Dispose() => Directory.Delete(_out, recursive: true);
}
