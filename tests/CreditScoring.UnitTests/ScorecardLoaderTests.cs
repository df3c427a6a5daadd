using System.Text.Json.Nodes;
using CreditScoring.Scoring;

namespace CreditScoring.UnitTests;

public class ScorecardLoaderTests
{
    [Fact]
    public void Committed_model_loads_with_every_applicant_feature()
    {
        var model = Scorecard.Load(RepositoryPaths.ModelDirectory);

        Assert.Equal("german-scorecard-1", model.ModelVersion);
        Assert.Equal(18, model.FeatureNames.Count);
        Assert.Equal(typeof(ApplicantFeatures).GetProperties().Length, model.FeatureNames.Count);
    }

    [Fact]
    public void Missing_directory_is_reported_with_the_file_name()
    {
        var e = Assert.Throws<ScorecardLoadException>(() => Scorecard.Load(Path.Combine(RepositoryPaths.Root, "no-such-model")));

        Assert.Contains("model.json", e.Message);
    }

    [Fact]
    public void Truncated_model_file_is_refused()
    {
        var json = CommittedModel.ModelJson;

        var e = Assert.Throws<ScorecardLoadException>(() => Scorecard.Parse(json[..(json.Length / 2)], CommittedModel.ManifestJson));

        Assert.Contains("model.json is not valid JSON", e.Message);
    }

    [Fact]
    public void Model_without_a_feature_is_refused_naming_it()
    {
        var model = Mutate(CommittedModel.ModelJson, m => m["features"]!.AsArray().RemoveAt(FeatureIndex(m, "savings")));

        var e = Assert.Throws<ScorecardLoadException>(() => Scorecard.Parse(model, CommittedModel.ManifestJson));

        Assert.Contains("'savings' is missing", e.Message);
    }

    [Fact]
    public void Manifest_version_mismatch_is_refused()
    {
        var manifest = Mutate(CommittedModel.ManifestJson, m => m["modelVersion"] = "german-scorecard-2");

        var e = Assert.Throws<ScorecardLoadException>(() => Scorecard.Parse(CommittedModel.ModelJson, manifest));

        Assert.Contains("manifest.json: modelVersion 'german-scorecard-2' does not match", e.Message);
    }

    [Fact]
    public void Weight_that_is_not_a_number_is_refused()
    {
        var model = Mutate(CommittedModel.ModelJson, m => m["features"]![FeatureIndex(m, "housing")]!["bins"]!["rent"] = "0.3");

        var e = Assert.Throws<ScorecardLoadException>(() => Scorecard.Parse(model, CommittedModel.ManifestJson));

        Assert.Contains("feature 'housing': bin 'rent'", e.Message);
    }

    [Fact]
    public void Category_outside_the_manifest_values_is_refused()
    {
        var model = Mutate(CommittedModel.ModelJson, m => m["features"]![FeatureIndex(m, "purpose")]!["bins"]!["vacation"] = 0.1);

        var e = Assert.Throws<ScorecardLoadException>(() => Scorecard.Parse(model, CommittedModel.ManifestJson));

        Assert.Contains("feature 'purpose'", e.Message);
    }

    [Fact]
    public void Best_bin_that_is_not_the_lowest_weight_is_refused()
    {
        var model = Mutate(CommittedModel.ModelJson, m => m["features"]![FeatureIndex(m, "checkingAccount")]!["bestBin"] = "lt_0");

        var e = Assert.Throws<ScorecardLoadException>(() => Scorecard.Parse(model, CommittedModel.ManifestJson));

        Assert.Contains("feature 'checkingAccount': bestBin", e.Message);
    }

    [Fact]
    public void Upper_bounds_out_of_order_are_refused()
    {
        var model = Mutate(CommittedModel.ModelJson, m => m["features"]![FeatureIndex(m, "termMonths")]!["bins"]![1]!["upperBound"] = 1.0);

        var e = Assert.Throws<ScorecardLoadException>(() => Scorecard.Parse(model, CommittedModel.ManifestJson));

        Assert.Contains("feature 'termMonths': bin 1: upper bounds must increase", e.Message);
    }

    [Fact]
    public void Model_that_scores_older_applicants_worse_is_refused()
    {
        // Make the youngest age band the best one, so the older bands would raise the score.
        var model = Mutate(CommittedModel.ModelJson, m =>
        {
            var age = m["features"]![FeatureIndex(m, "age")]!;
            age["bins"]![0]!["weight"] = -5.0;
            age["bestBin"] = 0;
        });

        var e = Assert.Throws<ScorecardLoadException>(() => Scorecard.Parse(model, CommittedModel.ManifestJson));

        Assert.Contains("feature 'age'", e.Message);
        Assert.Contains("no code", e.Message);
    }

    [Fact]
    public void Unsupported_format_version_is_refused()
    {
        var model = Mutate(CommittedModel.ModelJson, m => m["formatVersion"] = 2);

        var e = Assert.Throws<ScorecardLoadException>(() => Scorecard.Parse(model, CommittedModel.ManifestJson));

        Assert.Contains("formatVersion 2 is not supported", e.Message);
    }

    private static int FeatureIndex(JsonNode model, string name) =>
        model["features"]!.AsArray().Select((f, i) => (f, i)).Single(p => (string?)p.f!["name"] == name).i;

    private static string Mutate(string json, Action<JsonNode> change)
    {
        var node = JsonNode.Parse(json)!;
        change(node);
        return node.ToJsonString();
    }
}
