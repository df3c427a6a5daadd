using CreditScoring.Scoring;
using Decisioning.Policy;

namespace CreditScoring.Gbm;

// An immutable XGBoost binary:logistic tree ensemble: margin = base margin + Σ leaf values, PD = sigmoid(margin).
// Reasons come from exact TreeSHAP: the features with the largest positive contributions to the margin.
public sealed class GradientBoostedModel : Registry.ICreditModel
{
    public const int MaxReasons = 4;
    public const string ModelFileName = "model.json";
    public const string ManifestFileName = "manifest.json";

    private readonly TreeEnsemble trees;
    private readonly InputFeature[] features;
    private readonly float baseMargin;
    private readonly int columnCount;

    internal GradientBoostedModel(string modelName, string modelVersion, TreeEnsemble trees, InputFeature[] features, float baseMargin, int columnCount)
    {
        ModelName = modelName;
        ModelVersion = modelVersion;
        this.trees = trees;
        this.features = features;
        this.baseMargin = baseMargin;
        this.columnCount = columnCount;
        Bias = baseMargin + trees.ExpectedValue;
        FeatureNames = [.. features.Select(f => f.Name)];
    }

    public string ModelName { get; }

    public string ModelVersion { get; }

    public int TreeCount => trees.TreeCount;

    public int ColumnCount => columnCount;

    // The expected margin over the training data: the TreeSHAP bias.
    public double Bias { get; }

    public IReadOnlyList<string> FeatureNames { get; }

    public static GradientBoostedModel Load(string modelDirectory, TreeShapAlgorithm shap = TreeShapAlgorithm.LeafTables) =>
        GradientBoostedModelReader.Parse(ReadFile(modelDirectory, ModelFileName), ReadFile(modelDirectory, ManifestFileName), shap);

    public static GradientBoostedModel Parse(string modelJson, string manifestJson, TreeShapAlgorithm shap = TreeShapAlgorithm.LeafTables) =>
        GradientBoostedModelReader.Parse(modelJson, manifestJson, shap);

    public double Margin(ApplicantFeatures applicant)
    {
        var scratch = Encode(applicant);
        return trees.Margin(scratch.Input, baseMargin);
    }

    public ScoreResult Score(ApplicantFeatures applicant)
    {
        var scratch = Encode(applicant);
        var margin = trees.Margin(scratch.Input, baseMargin);
        var byFeature = FeatureContributions(scratch);

        // Top reasons by insertion into a small sorted buffer; ties keep the feature order.
        Span<int> top = stackalloc int[MaxReasons];
        var count = 0;
        for (var f = 0; f < features.Length; f++)
        {
            if (byFeature[f] <= 0)
            {
                continue;
            }

            var at = count;
            while (at > 0 && byFeature[f] > byFeature[top[at - 1]])
            {
                at--;
            }

            if (at == MaxReasons)
            {
                continue;
            }

            for (var i = Math.Min(count, MaxReasons - 1); i > at; i--)
            {
                top[i] = top[i - 1];
            }

            top[at] = f;
            count = Math.Min(count + 1, MaxReasons);
        }

        ReasonCode[] reasons = count == 0 ? [] : new ReasonCode[count];
        for (var i = 0; i < count; i++)
        {
            var feature = features[top[i]];
            var definition = ReasonCodes.Find(feature.Name, feature.ReasonBin(applicant))
                ?? throw new InvalidOperationException($"No reason code for '{feature.Name}'; the loader checks every reachable bin.");
            reasons[i] = new ReasonCode(definition.Code, definition.Description, byFeature[top[i]], feature.Name);
        }

        var pd = 1.0 / (1.0 + Math.Exp(-margin));
        return new ScoreResult(pd, margin, ScoreScale.Points(pd), RiskGrade.For(pd), ModelName, ModelVersion, reasons);
    }

    public ModelExplanation Explain(ApplicantFeatures applicant)
    {
        var scratch = Encode(applicant);
        var margin = trees.Margin(scratch.Input, baseMargin);
        var byFeature = FeatureContributions(scratch);
        var attributions = new FeatureAttribution[features.Length];
        for (var f = 0; f < features.Length; f++)
        {
            attributions[f] = new FeatureAttribution(features[f].Name, features[f].Value(applicant), byFeature[f]);
        }

        return new ModelExplanation(margin, Bias, attributions);
    }

    // xgboost's pred_contribs layout: one value per input column, then the bias.
    public void ColumnContributions(ApplicantFeatures applicant, Span<double> contributions)
    {
        if (contributions.Length != columnCount + 1)
        {
            throw new ArgumentException($"Expected {columnCount + 1} values (columns and bias).", nameof(contributions));
        }

        var scratch = Encode(applicant);
        ColumnShap(scratch).CopyTo(contributions);
    }

    private ScoringScratch Encode(ApplicantFeatures applicant)
    {
        ArgumentNullException.ThrowIfNull(applicant);
        var scratch = ScoringScratch.For(columnCount, features.Length, trees.PathScratchLength, trees.MaxTreeNodes);
        var input = scratch.Input.AsSpan(0, columnCount);
        foreach (var feature in features)
        {
            feature.Encode(applicant, input);
        }

        return scratch;
    }

    private Span<double> ColumnShap(ScoringScratch scratch)
    {
        var phi = scratch.Phi.AsSpan(0, columnCount + 1);
        phi.Clear();
        trees.Contributions(scratch.Input.AsSpan(0, columnCount), phi, scratch.Path, scratch.Satisfied);
        phi[columnCount] = Bias;
        return phi;
    }

    private Span<double> FeatureContributions(ScoringScratch scratch)
    {
        var phi = ColumnShap(scratch);
        var byFeature = scratch.ByFeature.AsSpan(0, features.Length);
        for (var f = 0; f < features.Length; f++)
        {
            var sum = 0.0;
            foreach (var column in features[f].Columns)
            {
                sum += phi[column];
            }

            byFeature[f] = sum;
        }

        return byFeature;
    }

    private static string ReadFile(string modelDirectory, string fileName)
    {
        var path = Path.Combine(modelDirectory, fileName);
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new GbmLoadException($"Cannot read {fileName} in '{modelDirectory}': {e.Message}", e);
        }
    }
}
