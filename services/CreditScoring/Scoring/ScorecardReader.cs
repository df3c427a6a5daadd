using System.Text.Json;
using CreditScoring.Registry;

namespace CreditScoring.Scoring;

// Reads and validates model.json against manifest.json; every failure names the file and the problem.
internal static class ScorecardReader
{
    public const int SupportedFormatVersion = 1;
    private const string Model = Scorecard.ModelFileName;
    private const string Manifest = Scorecard.ManifestFileName;

    public static Scorecard Parse(string modelJson, string manifestJson)
    {
        using var model = ParseJson(modelJson, Model);
        using var manifest = ParseJson(manifestJson, Manifest);
        var m = model.RootElement;
        var formatVersion = Number(m, "formatVersion", Model);
        if (formatVersion != SupportedFormatVersion)
        {
            throw Fail($"{Model}: formatVersion {formatVersion} is not supported (expected {SupportedFormatVersion})");
        }

        var name = Text(m, "name", Model);
        var version = Text(m, "version", Model);
        var modelVersion = Text(m, "modelVersion", Model);
        if (modelVersion != $"{name}-{version}")
        {
            throw Fail($"{Model}: modelVersion '{modelVersion}' is not '{name}-{version}'");
        }

        foreach (var key in new[] { "name", "version", "modelVersion" })
        {
            var inManifest = Text(manifest.RootElement, key, Manifest);
            if (inManifest != Text(m, key, Model))
            {
                throw Fail($"{Manifest}: {key} '{inManifest}' does not match {Model}'s '{Text(m, key, Model)}'");
            }
        }

        if (Text(m, "link", Model) != "logit")
        {
            throw Fail($"{Model}: link '{Text(m, "link", Model)}' is not supported (expected 'logit')");
        }

        var manifestFeatures = ManifestFeatures(manifest.RootElement);
        var features = new List<ScorecardFeature>();
        foreach (var feature in Array(m, "features", Model).EnumerateArray())
        {
            var featureName = Text(feature, "name", Model);
            if (features.Any(f => f.Name == featureName))
            {
                throw Fail($"{Model}: feature '{featureName}' appears twice");
            }

            if (!manifestFeatures.TryGetValue(featureName, out var declared))
            {
                throw Fail($"{Manifest}: feature '{featureName}' of {Model} is not declared");
            }

            features.Add(ReadFeature(feature, featureName, declared));
        }

        foreach (var required in ApplicantFeatureReaders.AllNames)
        {
            if (features.All(f => f.Name != required))
            {
                throw Fail($"{Model}: feature '{required}' is missing");
            }
        }

        foreach (var declared in manifestFeatures.Keys.Where(n => features.All(f => f.Name != n)))
        {
            throw Fail($"{Manifest}: feature '{declared}' is not in {Model}");
        }

        return new Scorecard(name, modelVersion, Finite(m, "intercept", Model), [.. features]);
    }

    private static ScorecardFeature ReadFeature(JsonElement feature, string name, JsonElement declared)
    {
        var where = $"{Model}: feature '{name}'";
        var type = Text(feature, "type", where);
        if (type != Text(declared, "type", $"{Manifest}: feature '{name}'"))
        {
            throw Fail($"{where}: type '{type}' does not match {Manifest}");
        }

        return type switch
        {
            "categorical" when ApplicantFeatureReaders.Categorical.TryGetValue(name, out var read) => ReadCategorical(feature, name, declared, read, where),
            "numeric" when ApplicantFeatureReaders.Numeric.TryGetValue(name, out var read) => ReadNumeric(feature, name, read, where),
            _ when ApplicantFeatureReaders.AllNames.Contains(name) => throw Fail($"{where}: type '{type}' is wrong for this feature"),
            _ => throw Fail($"{where}: no applicant field supplies this feature"),
        };
    }

    private static CategoricalFeature ReadCategorical(
        JsonElement feature, string name, JsonElement declared, Func<ApplicantFeatures, string> read, string where)
    {
        var bins = Property(feature, "bins", JsonValueKind.Object, where);
        var values = bins.EnumerateObject().Select(p => p.Name).ToArray();
        var weights = bins.EnumerateObject().Select(p => FiniteValue(p.Value, $"{where}: bin '{p.Name}'")).ToArray();
        var allowed = Array(declared, "allowedValues", $"{Manifest}: feature '{name}'").EnumerateArray().Select(v => v.GetString()).ToArray();
        if (!values.Order(StringComparer.Ordinal).SequenceEqual(allowed.Order(StringComparer.Ordinal)))
        {
            throw Fail($"{where}: bins [{string.Join(", ", values)}] do not match the allowed values in {Manifest}");
        }

        var bestBin = System.Array.IndexOf(values, Text(feature, "bestBin", where));
        var reasons = Reasons(name, weights, bestBin, values, bin => values[bin], where);
        return new CategoricalFeature(name, values, weights, bestBin, reasons, read);
    }

    private static NumericFeature ReadNumeric(JsonElement feature, string name, Func<ApplicantFeatures, double> read, string where)
    {
        if (!feature.TryGetProperty("upperBoundsInclusive", out var inclusive) || inclusive.ValueKind != JsonValueKind.True)
        {
            throw Fail($"{where}: upperBoundsInclusive must be true");
        }

        var bins = Array(feature, "bins", where).EnumerateArray().ToArray();
        if (bins.Length == 0)
        {
            throw Fail($"{where}: has no bins");
        }

        var bounds = new double[bins.Length];
        var weights = new double[bins.Length];
        for (var i = 0; i < bins.Length; i++)
        {
            var binWhere = $"{where}: bin {i}";
            var last = i == bins.Length - 1;
            var bound = Property(bins[i], "upperBound", last ? JsonValueKind.String : JsonValueKind.Number, binWhere);
            if (last && bound.GetString() != "+inf")
            {
                throw Fail($"{binWhere}: the last upper bound must be \"+inf\"");
            }

            bounds[i] = last ? double.PositiveInfinity : FiniteValue(bound, binWhere);
            if (i > 0 && bounds[i] <= bounds[i - 1])
            {
                throw Fail($"{binWhere}: upper bounds must increase");
            }

            weights[i] = Finite(bins[i], "weight", binWhere);
        }

        var best = Property(feature, "bestBin", JsonValueKind.Number, where);
        var bestBin = best.TryGetInt32(out var b) ? b : -1;
        var reasons = Reasons(name, weights, bestBin, null, bin => bin > bestBin ? ReasonCodes.Higher : ReasonCodes.Lower, where);
        return new NumericFeature(name, bounds, weights, bestBin, reasons, read);
    }

    private static ReasonCode?[] Reasons(
        string name, double[] weights, int bestBin, string[]? labels, Func<int, string> reasonBin, string where)
    {
        if (bestBin < 0 || bestBin >= weights.Length || weights.Any(w => w < weights[bestBin]))
        {
            throw Fail($"{where}: bestBin is not the bin with the lowest weight");
        }

        var reasons = new ReasonCode?[weights.Length];
        for (var bin = 0; bin < weights.Length; bin++)
        {
            var contribution = weights[bin] - weights[bestBin];
            if (contribution <= 0)
            {
                continue;
            }

            var definition = ReasonCodes.Find(name, reasonBin(bin))
                ?? throw Fail($"{where}: bin {labels?[bin] ?? bin.ToString(System.Globalization.CultureInfo.InvariantCulture)} raises the score but {nameof(ReasonCodes)} has no code for it");
            reasons[bin] = new ReasonCode(definition.Code, definition.Description, contribution, name);
        }

        return reasons;
    }

    private static Dictionary<string, JsonElement> ManifestFeatures(JsonElement manifest)
    {
        var result = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var feature in Array(manifest, "features", Manifest).EnumerateArray())
        {
            if (!result.TryAdd(Text(feature, "name", Manifest), feature.Clone()))
            {
                throw Fail($"{Manifest}: feature '{Text(feature, "name", Manifest)}' appears twice");
            }
        }

        return result;
    }

    private static JsonDocument ParseJson(string json, string file) => ModelJson.Parse(json, file, Fail);

    private static JsonElement Property(JsonElement element, string name, JsonValueKind kind, string where) =>
        ModelJson.Property(element, name, kind, where, Fail);

    private static string Text(JsonElement element, string name, string where) =>
        Property(element, name, JsonValueKind.String, where).GetString()!;

    private static JsonElement Array(JsonElement element, string name, string where) =>
        Property(element, name, JsonValueKind.Array, where);

    private static double Number(JsonElement element, string name, string where) =>
        Property(element, name, JsonValueKind.Number, where).GetDouble();

    private static double Finite(JsonElement element, string name, string where) =>
        FiniteValue(Property(element, name, JsonValueKind.Number, where), $"{where}: '{name}'");

    private static double FiniteValue(JsonElement value, string where)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || !double.IsFinite(number))
        {
            throw Fail($"{where}: must be a finite number");
        }

        return number;
    }

    private static ScorecardLoadException Fail(string message, Exception? inner = null) => new(message, inner);
}
