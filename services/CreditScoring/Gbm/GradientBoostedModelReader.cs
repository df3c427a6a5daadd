using System.Globalization;
using System.Text.Json;
using CreditScoring.Registry;
using CreditScoring.Scoring;

namespace CreditScoring.Gbm;

// Reads XGBoost's JSON model and checks it against manifest.json; every failure names the file and the problem.
internal static class GradientBoostedModelReader
{
    private const string Model = GradientBoostedModel.ModelFileName;
    private const string Manifest = GradientBoostedModel.ManifestFileName;

    public static GradientBoostedModel Parse(string modelJson, string manifestJson, TreeShapAlgorithm shap)
    {
        using var model = ParseJson(modelJson, Model);
        using var manifest = ParseJson(manifestJson, Manifest);
        var m = manifest.RootElement;
        var name = Text(m, "name", Manifest);
        var modelVersion = Text(m, "modelVersion", Manifest);
        if (modelVersion != $"{name}-{Text(m, "version", Manifest)}")
        {
            throw Fail($"{Manifest}: modelVersion '{modelVersion}' is not '{name}-{Text(m, "version", Manifest)}'");
        }

        if (Text(m, "modelFormat", Manifest) != "xgboost-json")
        {
            throw Fail($"{Manifest}: modelFormat '{Text(m, "modelFormat", Manifest)}' is not supported (expected 'xgboost-json')");
        }

        var learner = Property(model.RootElement, "learner", JsonValueKind.Object, Model);
        var objective = Text(Property(learner, "objective", JsonValueKind.Object, Model), "name", $"{Model}: objective");
        if (objective != "binary:logistic")
        {
            throw Fail($"{Model}: objective '{objective}' is not supported (expected 'binary:logistic')");
        }

        var parameters = Property(learner, "learner_model_param", JsonValueKind.Object, Model);
        var baseScore = ParseFloat(Text(parameters, "base_score", Model), $"{Model}: base_score");
        if (!(baseScore > 0 && baseScore < 1))
        {
            throw Fail($"{Model}: base_score {baseScore} is not a probability in (0, 1)");
        }

        var numFeature = ParseInt(Text(parameters, "num_feature", Model), $"{Model}: num_feature");
        var encoding = Property(m, "encoding", JsonValueKind.Object, Manifest);
        var columns = Property(encoding, "columns", JsonValueKind.Array, Manifest).GetArrayLength();
        if (numFeature != columns)
        {
            throw Fail($"{Model}: num_feature {numFeature} does not match the {columns} encoding columns in {Manifest}");
        }

        var features = ReadEncoding(encoding, columns, AllowedValues(m));
        var trees = ReadTrees(learner, numFeature, features.OfType<NumericInput>().Where(f => f.Monotone != 0).ToArray(), shap);

        // xgboost's ProbToMargin for the logistic link, in float32 as xgboost computes it.
        var baseMargin = -MathF.Log((1f / baseScore) - 1f);
        return new GradientBoostedModel(name, modelVersion, trees, features, baseMargin, columns);
    }

    private static InputFeature[] ReadEncoding(JsonElement encoding, int columnCount, Dictionary<string, string[]> allowed)
    {
        var owner = new string?[columnCount];
        var features = new List<InputFeature>();
        foreach (var feature in Property(encoding, "features", JsonValueKind.Array, Manifest).EnumerateArray())
        {
            var name = Text(feature, "name", $"{Manifest}: encoding");
            var where = $"{Manifest}: encoding of '{name}'";
            if (features.Any(f => f.Name == name))
            {
                throw Fail($"{where}: the feature appears twice");
            }

            InputFeature input = Text(feature, "type", where) switch
            {
                "numeric" when ApplicantFeatureReaders.Numeric.TryGetValue(name, out var read) => ReadNumeric(feature, name, read, where),
                "categorical" when ApplicantFeatureReaders.Categorical.TryGetValue(name, out var read) => ReadCategorical(feature, name, read, allowed, where),
                var type when ApplicantFeatureReaders.AllNames.Contains(name) => throw Fail($"{where}: type '{type}' is wrong for this feature"),
                _ => throw Fail($"{where}: no applicant field supplies this feature"),
            };
            foreach (var column in input.Columns)
            {
                if (column < 0 || column >= columnCount)
                {
                    throw Fail($"{where}: column {column} is outside 0..{columnCount - 1}");
                }

                if (owner[column] is { } other)
                {
                    throw Fail($"{where}: column {column} is already used by '{other}'");
                }

                owner[column] = name;
            }

            features.Add(input);
        }

        foreach (var required in ApplicantFeatureReaders.AllNames.Where(n => features.All(f => f.Name != n)))
        {
            throw Fail($"{Manifest}: encoding has no columns for feature '{required}'");
        }

        var unused = Array.IndexOf(owner, null);
        if (unused >= 0)
        {
            throw Fail($"{Manifest}: encoding column {unused} belongs to no feature");
        }

        return [.. features];
    }

    private static NumericInput ReadNumeric(JsonElement feature, string name, Func<ApplicantFeatures, double> read, string where)
    {
        var column = Int(feature, "column", where);
        var monotone = Int(feature, "monotone", where);
        if (monotone is < -1 or > 1)
        {
            throw Fail($"{where}: monotone must be -1, 0 or 1");
        }

        var reference = Property(feature, "reasonReference", JsonValueKind.Number, where).GetDouble();
        if (!double.IsFinite(reference))
        {
            throw Fail($"{where}: reasonReference must be finite");
        }

        // A contribution can be positive on every side the constraint allows; each needs a reason code.
        string[] sides = monotone switch { > 0 => [ReasonCodes.Higher], < 0 => [ReasonCodes.Lower], _ => [ReasonCodes.Higher, ReasonCodes.Lower] };
        foreach (var side in sides.Where(s => ReasonCodes.Find(name, s) is null))
        {
            throw Fail($"{where}: {nameof(ReasonCodes)} has no '{side}' code, so this feature must be monotone the other way");
        }

        return new NumericInput(name, column, monotone, reference, read);
    }

    private static CategoricalInput ReadCategorical(
        JsonElement feature, string name, Func<ApplicantFeatures, string> read, Dictionary<string, string[]> allowed, string where)
    {
        var map = Property(feature, "columns", JsonValueKind.Object, where).EnumerateObject().ToArray();
        var values = map.Select(p => p.Name).ToArray();
        var columns = map.Select(p => p.Value.ValueKind == JsonValueKind.Number && p.Value.TryGetInt32(out var c)
            ? c : throw Fail($"{where}: the column of '{p.Name}' must be an integer")).ToArray();
        if (!allowed.TryGetValue(name, out var declared)
            || !values.Order(StringComparer.Ordinal).SequenceEqual(declared.Order(StringComparer.Ordinal)))
        {
            throw Fail($"{where}: values [{string.Join(", ", values)}] do not match the allowed values of the feature in {Manifest}");
        }

        foreach (var value in values.Where(v => ReasonCodes.Find(name, v) is null))
        {
            throw Fail($"{where}: {nameof(ReasonCodes)} has no code for '{value}'");
        }

        return new CategoricalInput(name, values, columns, read);
    }

    private static Dictionary<string, string[]> AllowedValues(JsonElement manifest)
    {
        var result = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var feature in Property(manifest, "features", JsonValueKind.Array, Manifest).EnumerateArray())
        {
            if (feature.TryGetProperty("allowedValues", out var values) && values.ValueKind == JsonValueKind.Array)
            {
                result[Text(feature, "name", Manifest)] = [.. values.EnumerateArray().Select(v => v.GetString() ?? "")];
            }
        }

        return result;
    }

    private static TreeEnsemble ReadTrees(JsonElement learner, int numFeature, NumericInput[] monotone, TreeShapAlgorithm shap)
    {
        var booster = Property(learner, "gradient_booster", JsonValueKind.Object, Model);
        if (Text(booster, "name", $"{Model}: gradient_booster") != "gbtree")
        {
            throw Fail($"{Model}: gradient_booster '{Text(booster, "name", Model)}' is not supported (expected 'gbtree')");
        }

        var model = Property(booster, "model", JsonValueKind.Object, $"{Model}: gradient_booster");
        var trees = Property(model, "trees", JsonValueKind.Array, $"{Model}: gradient_booster.model").EnumerateArray().ToArray();
        var declared = ParseInt(Text(Property(model, "gbtree_model_param", JsonValueKind.Object, Model), "num_trees", Model), $"{Model}: num_trees");
        if (trees.Length == 0 || trees.Length != declared)
        {
            throw Fail($"{Model}: num_trees {declared} but {trees.Length} trees");
        }

        var roots = new int[trees.Length];
        var left = new List<int>();
        var right = new List<int>();
        var column = new List<int>();
        var condition = new List<float>();
        var defaultLeft = new List<bool>();
        var leafValue = new List<float>();
        var cover = new List<double>();
        var maxDepth = 0;
        for (var t = 0; t < trees.Length; t++)
        {
            var where = $"{Model}: tree {t}";
            var tree = new TreeArrays(trees[t], where);
            tree.Validate(numFeature, where);
            CheckMonotone(tree, monotone, where);
            roots[t] = left.Count;
            left.AddRange(tree.Left.Select(c => c < 0 ? -1 : c + roots[t]));
            right.AddRange(tree.Right.Select(c => c < 0 ? -1 : c + roots[t]));
            column.AddRange(tree.Column);
            condition.AddRange(tree.Condition);
            defaultLeft.AddRange(tree.DefaultLeft);
            leafValue.AddRange(tree.Condition);
            cover.AddRange(tree.Cover.Select(c => (double)c));
            maxDepth = Math.Max(maxDepth, tree.Depth);
        }

        return new TreeEnsemble(roots, [.. left], [.. right], [.. column], [.. condition], [.. defaultLeft], [.. leafValue], [.. cover], maxDepth, shap);
    }

    // Under a monotone constraint every leaf left of a split (x < condition) lies on the allowed side of every leaf right of it.
    private static void CheckMonotone(TreeArrays tree, NumericInput[] monotone, string where)
    {
        for (var node = 0; node < tree.Left.Length; node++)
        {
            var constraint = tree.Left[node] < 0 ? null : monotone.FirstOrDefault(f => f.Column == tree.Column[node]);
            if (constraint is null)
            {
                continue;
            }

            var (leftLow, leftHigh) = tree.LeafRange(tree.Left[node]);
            var (rightLow, rightHigh) = tree.LeafRange(tree.Right[node]);
            var holds = constraint.Monotone > 0 ? leftHigh <= rightLow : leftLow >= rightHigh;
            if (!holds)
            {
                throw Fail($"{where}: node {node} splits '{constraint.Name}' against its monotone constraint ({constraint.Monotone:+0;-0}) in {Manifest}");
            }
        }
    }

    private static JsonDocument ParseJson(string json, string file) => ModelJson.Parse(json, file, Fail);

    internal static JsonElement Property(JsonElement element, string name, JsonValueKind kind, string where) =>
        ModelJson.Property(element, name, kind, where, Fail);

    private static string Text(JsonElement element, string name, string where) =>
        Property(element, name, JsonValueKind.String, where).GetString()!;

    private static int Int(JsonElement element, string name, string where) =>
        Property(element, name, JsonValueKind.Number, where).TryGetInt32(out var value) ? value : throw Fail($"{where}: '{name}' must be an integer");

    private static float ParseFloat(string text, string where) =>
        float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : throw Fail($"{where}: '{text}' is not a number");

    private static int ParseInt(string text, string where) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : throw Fail($"{where}: '{text}' is not a count");

    internal static GbmLoadException Fail(string message, Exception? inner = null) => new(message, inner);
}
