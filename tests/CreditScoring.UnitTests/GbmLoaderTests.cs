using System.Text.Json.Nodes;
using CreditScoring.Gbm;
using CreditScoring.Scoring;

namespace CreditScoring.UnitTests;

public class GbmLoaderTests
{
    [Fact]
    public void Committed_model_loads_with_every_applicant_feature()
    {
        var model = GradientBoostedModel.Load(CommittedGbm.Directory);

        Assert.Equal("german-gbm", model.ModelName);
        Assert.Equal("german-gbm-1", model.ModelVersion);
        Assert.Equal(typeof(ApplicantFeatures).GetProperties().Length, model.FeatureNames.Count);
        Assert.True(model.TreeCount >= 50, $"{model.TreeCount} trees");
    }

    [Fact]
    public void Missing_directory_is_reported_with_the_file_name()
    {
        var e = Assert.Throws<GbmLoadException>(() => GradientBoostedModel.Load(Path.Combine(RepositoryPaths.Root, "no-such-model")));

        Assert.Contains("model.json", e.Message);
    }

    [Fact]
    public void Truncated_model_file_is_refused()
    {
        var json = CommittedGbm.ModelJson;

        var e = Assert.Throws<GbmLoadException>(() => GradientBoostedModel.Parse(json[..(json.Length / 2)], CommittedGbm.ManifestJson));

        Assert.Contains("model.json is not valid JSON", e.Message);
    }

    [Fact]
    public void Other_objective_is_refused()
    {
        var model = MutateModel(m => m["learner"]!["objective"]!["name"] = "reg:squarederror");

        Assert.Contains("objective 'reg:squarederror' is not supported", Refusal(model, CommittedGbm.ManifestJson));
    }

    [Fact]
    public void Base_score_outside_zero_and_one_is_refused()
    {
        var model = MutateModel(m => m["learner"]!["learner_model_param"]!["base_score"] = "1.5E0");

        Assert.Contains("base_score 1.5 is not a probability", Refusal(model, CommittedGbm.ManifestJson));
    }

    [Fact]
    public void Column_count_that_differs_from_the_encoding_is_refused()
    {
        var model = MutateModel(m => m["learner"]!["learner_model_param"]!["num_feature"] = "54");

        Assert.Contains("num_feature 54 does not match the 55 encoding columns", Refusal(model, CommittedGbm.ManifestJson));
    }

    [Fact]
    public void Tree_count_that_differs_from_the_trees_is_refused()
    {
        var model = MutateModel(m => Trees(m).RemoveAt(0));

        Assert.Contains("num_trees", Refusal(model, CommittedGbm.ManifestJson));
    }

    [Fact]
    public void Child_index_outside_the_tree_is_refused()
    {
        var model = MutateModel(m => Trees(m)[3]!["left_children"]![0] = 999);

        Assert.Contains("tree 3: node 0 has children 999", Refusal(model, CommittedGbm.ManifestJson));
    }

    [Fact]
    public void Split_on_a_column_the_encoding_does_not_have_is_refused()
    {
        var model = MutateModel(m => Trees(m)[0]!["split_indices"]![0] = 55);

        Assert.Contains("tree 0: node 0 splits on column 55", Refusal(model, CommittedGbm.ManifestJson));
    }

    [Fact]
    public void Categorical_split_is_refused()
    {
        var model = MutateModel(m => Trees(m)[1]!["split_type"]![0] = 1);

        Assert.Contains("tree 1: node 0 is a categorical split", Refusal(model, CommittedGbm.ManifestJson));
    }

    [Fact]
    public void Node_without_positive_cover_is_refused()
    {
        var model = MutateModel(m => Trees(m)[2]!["sum_hessian"]![1] = 0.0);

        Assert.Contains("tree 2: node 1 has a non-finite value or a cover that is not positive", Refusal(model, CommittedGbm.ManifestJson));
    }

    [Fact]
    public void Tree_that_breaks_the_age_constraint_is_refused()
    {
        var ageColumn = (int)JsonNode.Parse(CommittedGbm.ManifestJson)!["encoding"]!["columns"]!.AsArray()
            .Select((c, i) => ((string?)c, i)).Single(p => p.Item1 == "age").i;
        var model = MutateModel(m =>
        {
            var (tree, node) = FirstSplitOn(m, ageColumn);
            var right = (int)tree["right_children"]![node]!;
            // Every leaf right of the split (older) now raises the risk far above the left side.
            foreach (var leaf in Subtree(tree, right).Where(n => (int)tree["left_children"]![n]! == -1))
            {
                tree["split_conditions"]![leaf] = 5.0;
            }
        });

        Assert.Contains("against its monotone constraint (-1)", Refusal(model, CommittedGbm.ManifestJson));
    }

    [Fact]
    public void Manifest_version_mismatch_is_refused()
    {
        var manifest = MutateManifest(m => m["modelVersion"] = "german-gbm-2");

        Assert.Contains("modelVersion 'german-gbm-2' is not 'german-gbm-1'", Refusal(CommittedGbm.ModelJson, manifest));
    }

    [Fact]
    public void Encoding_of_a_protected_attribute_is_refused()
    {
        var manifest = MutateManifest(m => Encoding(m)["features"]!.AsArray().Add(new JsonObject
        {
            ["name"] = "personalStatusSex",
            ["type"] = "categorical",
            ["columns"] = new JsonObject { ["male_single"] = 0 },
        }));

        Assert.Contains("encoding of 'personalStatusSex': no applicant field supplies this feature", Refusal(CommittedGbm.ModelJson, manifest));
    }

    [Fact]
    public void Encoding_without_a_feature_is_refused_naming_it()
    {
        var manifest = MutateManifest(m => Encoding(m)["features"]!.AsArray().RemoveAt(FeatureIndex(m, "savings")));

        Assert.Contains("no columns for feature 'savings'", Refusal(CommittedGbm.ModelJson, manifest));
    }

    [Fact]
    public void Two_features_on_one_column_are_refused()
    {
        var manifest = MutateManifest(m => Encoding(m)["features"]![FeatureIndex(m, "amount")]!["column"] = 1);

        Assert.Contains("column 1 is already used", Refusal(CommittedGbm.ModelJson, manifest));
    }

    [Fact]
    public void Category_outside_the_manifest_values_is_refused()
    {
        var manifest = MutateManifest(m => Encoding(m)["features"]![FeatureIndex(m, "purpose")]!["columns"]!["vacation"] = 3);

        Assert.Contains("encoding of 'purpose': values", Refusal(CommittedGbm.ModelJson, manifest));
    }

    [Fact]
    public void Age_without_a_decreasing_constraint_is_refused_for_want_of_a_reason_code()
    {
        var manifest = MutateManifest(m => Encoding(m)["features"]![FeatureIndex(m, "age")]!["monotone"] = 0);

        Assert.Contains("encoding of 'age': ReasonCodes has no 'higher' code", Refusal(CommittedGbm.ModelJson, manifest));
    }

    private static string Refusal(string model, string manifest) =>
        Assert.Throws<GbmLoadException>(() => GradientBoostedModel.Parse(model, manifest)).Message;

    private static JsonArray Trees(JsonNode model) => model["learner"]!["gradient_booster"]!["model"]!["trees"]!.AsArray();

    private static JsonNode Encoding(JsonNode manifest) => manifest["encoding"]!;

    private static int FeatureIndex(JsonNode manifest, string name) =>
        Encoding(manifest)["features"]!.AsArray().Select((f, i) => (f, i)).Single(p => (string?)p.f!["name"] == name).i;

    private static (JsonNode Tree, int Node) FirstSplitOn(JsonNode model, int column)
    {
        foreach (var tree in Trees(model))
        {
            var left = tree!["left_children"]!.AsArray();
            for (var node = 0; node < left.Count; node++)
            {
                if ((int)left[node]! != -1 && (int)tree["split_indices"]![node]! == column)
                {
                    return (tree, node);
                }
            }
        }

        throw new InvalidOperationException($"no split on column {column}");
    }

    private static IEnumerable<int> Subtree(JsonNode tree, int node)
    {
        yield return node;
        var left = (int)tree["left_children"]![node]!;
        if (left == -1)
        {
            yield break;
        }

        foreach (var n in Subtree(tree, left).Concat(Subtree(tree, (int)tree["right_children"]![node]!)))
        {
            yield return n;
        }
    }

    private static string MutateModel(Action<JsonNode> change) => Mutate(CommittedGbm.ModelJson, change);

    private static string MutateManifest(Action<JsonNode> change) => Mutate(CommittedGbm.ManifestJson, change);

    private static string Mutate(string json, Action<JsonNode> change)
    {
        var node = JsonNode.Parse(json)!;
        change(node);
        return node.ToJsonString();
    }
}
