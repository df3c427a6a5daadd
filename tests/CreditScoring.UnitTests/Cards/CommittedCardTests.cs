using System.Security.Cryptography;
using System.Text.Json;
using CreditScoring.Scoring;

namespace CreditScoring.UnitTests.Cards;

// Every committed model version carries a card written by the same training run as its manifest: the manifest's
// hash, data hashes, features and metrics, and reasons the service can give.
public sealed class CommittedCardTests
{
    public static TheoryData<string> ModelVersions() => CommittedModelVersions.Theory();

    [Theory]
    [MemberData(nameof(ModelVersions))]
    public void The_card_is_written_from_its_manifest(string modelVersion)
    {
        var folder = Path.Combine(CommittedModelVersions.ModelsRoot, modelVersion);
        using var manifestDocument = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "manifest.json")));
        using var cardDocument = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "card.json")));
        var manifest = manifestDocument.RootElement;
        var card = cardDocument.RootElement;

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(folder, "manifest.json")))), card.GetProperty("manifestSha256").GetString());
        foreach (var property in new[] { "name", "version", "modelVersion", "kind", "createdAt" })
        {
            Assert.Equal(manifest.GetProperty(property).GetString(), card.GetProperty(property).GetString());
        }

        Assert.Equal(modelVersion, $"{card.GetProperty("name").GetString()}/{card.GetProperty("version").GetString()}");
        Assert.True(JsonElement.DeepEquals(manifest.GetProperty("trainingData"), card.GetProperty("data").GetProperty("trainingData")), "training data differs");
        Assert.True(JsonElement.DeepEquals(manifest.GetProperty("folds"), card.GetProperty("data").GetProperty("folds")), "folds differ");
        Assert.True(JsonElement.DeepEquals(manifest.GetProperty("features"), card.GetProperty("features")), "features differ");
        Assert.True(JsonElement.DeepEquals(manifest.GetProperty("excludedAttributes"), card.GetProperty("excludedAttributes")), "excluded attributes differ");
        Assert.True(JsonElement.DeepEquals(manifest.GetProperty("cvMetrics"), card.GetProperty("cvMetrics")), "CV metrics differ");
    }

    [Theory]
    [MemberData(nameof(ModelVersions))]
    public void The_card_in_markdown_states_the_cards_hashes_and_metrics(string modelVersion)
    {
        var folder = Path.Combine(CommittedModelVersions.ModelsRoot, modelVersion);
        using var cardDocument = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "card.json")));
        var card = cardDocument.RootElement;
        var markdown = File.ReadAllText(Path.Combine(folder, "card.md"));

        Assert.StartsWith($"# Model card: {card.GetProperty("modelVersion").GetString()}", markdown, StringComparison.Ordinal);
        Assert.Contains(card.GetProperty("manifestSha256").GetString()!, markdown, StringComparison.Ordinal);
        Assert.Contains(card.GetProperty("data").GetProperty("trainingData").GetProperty("sha256").GetString()!, markdown, StringComparison.Ordinal);
        Assert.Contains(card.GetProperty("data").GetProperty("folds").GetProperty("sha256").GetString()!, markdown, StringComparison.Ordinal);
        foreach (var estimate in card.GetProperty("cvMetrics").EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Object))
        {
            Assert.Contains($"| {estimate.Name} | {estimate.Value.GetProperty("aucMean").GetDouble().ToString("F4", System.Globalization.CultureInfo.InvariantCulture)} |", markdown, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(ModelVersions))]
    public void The_cards_reason_codes_are_the_services_with_the_same_descriptions(string modelVersion)
    {
        using var cardDocument = JsonDocument.Parse(File.ReadAllText(CommittedModelVersions.PathOf(modelVersion, "card.json")));
        var reasons = cardDocument.RootElement.GetProperty("reasonCodes").EnumerateArray().ToList();

        Assert.NotEmpty(reasons);
        foreach (var reason in reasons)
        {
            var definition = ReasonCodes.Find(reason.GetProperty("feature").GetString()!, reason.GetProperty("bin").GetString()!);
            Assert.NotNull(definition);
            Assert.Equal(definition.Code, reason.GetProperty("code").GetString());
            Assert.Equal(definition.Description, reason.GetProperty("description").GetString());
        }

        if (modelVersion == "german-scorecard/1")
        {
            Assert.Equal(
                CommittedModel.Scorecard.PossibleReasons.Select(r => r.Code).Distinct().Order(StringComparer.Ordinal),
                reasons.Select(r => r.GetProperty("code").GetString()!).Order(StringComparer.Ordinal));
        }
    }

    [Theory]
    [MemberData(nameof(ModelVersions))]
    public void Every_row_is_in_one_age_band_and_a_ratio_below_four_fifths_is_flagged(string modelVersion)
    {
        using var cardDocument = JsonDocument.Parse(File.ReadAllText(CommittedModelVersions.PathOf(modelVersion, "card.json")));
        var card = cardDocument.RootElement;
        var ageBands = card.GetProperty("ageBands");
        var bands = ageBands.GetProperty("bands").EnumerateArray().ToList();
        var rows = card.GetProperty("data").GetProperty("trainingData").GetProperty("rows").GetInt32();

        Assert.Equal(new[] { "18-24", "25-34", "35-44", "45-54", "55-64", "65+" }, bands.Select(b => b.GetProperty("band").GetString()));
        Assert.Equal(rows, bands.Sum(b => b.GetProperty("count").GetInt32()));
        Assert.Equal(rows, card.GetProperty("calibration").GetProperty("deciles").EnumerateArray().Sum(d => d.GetProperty("count").GetInt32()));
        var best = bands.Max(b => b.GetProperty("approvalRate").GetDouble());
        var reference = bands.Single(b => b.GetProperty("band").GetString() == ageBands.GetProperty("referenceBand").GetString());
        Assert.Equal(best, reference.GetProperty("approvalRate").GetDouble());
        foreach (var band in bands)
        {
            var ratio = band.GetProperty("adverseImpactRatio").GetDouble();
            Assert.Equal(band.GetProperty("approvalRate").GetDouble() / best, ratio, 5e-6);
            Assert.Equal(ratio < 0.8, band.GetProperty("flagged").GetBoolean());
        }
    }
}
