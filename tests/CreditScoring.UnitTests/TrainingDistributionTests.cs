using System.Text.Json;

namespace CreditScoring.UnitTests;

// The manifest's training distribution is what a drift job compares live traffic with: every feature of the
// manifest by its request name, and the PD, with a proportion for every bin or allowed value, summing to 1.
public sealed class TrainingDistributionTests
{
    public static TheoryData<string> ModelVersions() => CommittedModelVersions.Theory();

    [Fact]
    public void Both_shipped_models_are_checked()
    {
        var versions = CommittedModelVersions.All();

        Assert.Contains("german-scorecard/1", versions);
        Assert.Contains("german-gbm/1", versions);
    }

    [Theory]
    [MemberData(nameof(ModelVersions))]
    public void The_training_distribution_has_a_proportion_for_every_bin_and_value_summing_to_one(string modelVersion)
    {
        using var manifestDocument = JsonDocument.Parse(File.ReadAllText(CommittedModelVersions.PathOf(modelVersion, "manifest.json")));
        var manifest = manifestDocument.RootElement;
        var distribution = manifest.GetProperty("trainingDistribution");
        var features = distribution.GetProperty("features");

        Assert.Equal(manifest.GetProperty("trainingData").GetProperty("rows").GetInt32(), distribution.GetProperty("rows").GetInt32());
        Assert.Equal(
            manifest.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("name").GetString()),
            features.EnumerateObject().Select(f => f.Name));
        foreach (var feature in manifest.GetProperty("features").EnumerateArray())
        {
            var name = feature.GetProperty("name").GetString()!;
            var shares = features.GetProperty(name);
            Assert.Equal(feature.GetProperty("type").GetString(), shares.GetProperty("kind").GetString());
            if (feature.GetProperty("type").GetString() == "numeric")
            {
                AssertNumeric(name, shares);
            }
            else
            {
                var proportions = shares.GetProperty("proportions");
                Assert.Equal(feature.GetProperty("allowedValues").EnumerateArray().Select(v => v.GetString()), proportions.EnumerateObject().Select(p => p.Name));
                AssertSumsToOne(name, [.. proportions.EnumerateObject().Select(p => p.Value.GetDouble())]);
            }
        }

        AssertNumeric("score", distribution.GetProperty("score"));
    }

    private static void AssertNumeric(string name, JsonElement shares)
    {
        var edges = shares.GetProperty("edges").EnumerateArray().Select(e => e.GetDouble()).ToList();
        var proportions = shares.GetProperty("proportions").EnumerateArray().Select(p => p.GetDouble()).ToList();

        Assert.Equal("numeric", shares.GetProperty("kind").GetString());
        Assert.NotEmpty(edges);
        Assert.True(edges.Zip(edges.Skip(1)).All(pair => pair.First < pair.Second), $"{name}: edges are not strictly ascending");
        Assert.True(proportions.Count == edges.Count + 1, $"{name}: {proportions.Count} proportions for {edges.Count} edges");
        AssertSumsToOne(name, proportions);
    }

    // Proportions are rounded to 6 significant digits.
    private static void AssertSumsToOne(string name, IReadOnlyList<double> proportions)
    {
        Assert.True(proportions.All(p => p is >= 0 and <= 1), $"{name}: a proportion outside [0, 1]");
        Assert.True(Math.Abs(proportions.Sum() - 1) < 1e-5, $"{name}: proportions sum to {proportions.Sum()}");
    }
}
