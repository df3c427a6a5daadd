using Decisioning.Policy;

namespace CreditScoring.Scoring;

// An immutable logistic-regression scorecard: logit(PD) = intercept + Σ weight[feature][bin(x)].
// A feature's contribution is its weight minus the weight of its best bin, so the base logit
// (intercept + Σ best weights) plus the contributions is the logit, and reasons are the largest.
public sealed class Scorecard : Registry.ICreditModel
{
    public const int MaxReasons = 4;
    public const string ModelFileName = "model.json";
    public const string ManifestFileName = "manifest.json";

    private readonly ScorecardFeature[] features;

    internal Scorecard(string modelName, string modelVersion, double intercept, ScorecardFeature[] features)
    {
        ModelName = modelName;
        ModelVersion = modelVersion;
        Intercept = intercept;
        this.features = features;
        BaseLogit = intercept + features.Sum(f => f.Weights[f.BestBin]);
        FeatureNames = [.. features.Select(f => f.Name)];
        PossibleReasons = [.. features.SelectMany(f => f.Reasons).OfType<ReasonCode>()];
    }

    public string ModelName { get; }

    public string ModelVersion { get; }

    public double Intercept { get; }

    public double BaseLogit { get; }

    public IReadOnlyList<string> FeatureNames { get; }

    // Every reason this model can give, one per adverse (feature, bin).
    public IReadOnlyList<ReasonCode> PossibleReasons { get; }

    public static Scorecard Load(string modelDirectory)
    {
        return ScorecardReader.Parse(
            ReadFile(modelDirectory, ModelFileName),
            ReadFile(modelDirectory, ManifestFileName));
    }

    public static Scorecard Parse(string modelJson, string manifestJson) => ScorecardReader.Parse(modelJson, manifestJson);

    public ScoreResult Score(ApplicantFeatures applicant)
    {
        ArgumentNullException.ThrowIfNull(applicant);

        var logit = Intercept;
        // The top reasons are kept on the stack as (feature, bin) so scoring allocates only the result.
        Span<int> topFeature = stackalloc int[MaxReasons];
        Span<int> topBin = stackalloc int[MaxReasons];
        var count = 0;
        for (var f = 0; f < features.Length; f++)
        {
            var feature = features[f];
            var bin = feature.BinOf(applicant);
            logit += feature.Weights[bin];
            if (feature.Reasons[bin] is not { } reason)
            {
                continue;
            }

            var at = count;
            while (at > 0 && reason.Contribution > features[topFeature[at - 1]].Reasons[topBin[at - 1]]!.Contribution)
            {
                at--;
            }

            if (at == MaxReasons)
            {
                continue;
            }

            var last = Math.Min(count, MaxReasons - 1);
            for (var i = last; i > at; i--)
            {
                topFeature[i] = topFeature[i - 1];
                topBin[i] = topBin[i - 1];
            }

            topFeature[at] = f;
            topBin[at] = bin;
            count = Math.Min(count + 1, MaxReasons);
        }

        ReasonCode[] reasons = count == 0 ? [] : new ReasonCode[count];
        for (var i = 0; i < count; i++)
        {
            reasons[i] = features[topFeature[i]].Reasons[topBin[i]]!;
        }

        var pd = 1.0 / (1.0 + Math.Exp(-logit));
        return new ScoreResult(pd, logit, ScoreScale.Points(pd), RiskGrade.For(pd), ModelName, ModelVersion, reasons);
    }

    public IReadOnlyList<FeatureContribution> Contributions(ApplicantFeatures applicant)
    {
        ArgumentNullException.ThrowIfNull(applicant);
        var result = new FeatureContribution[features.Length];
        for (var f = 0; f < features.Length; f++)
        {
            var feature = features[f];
            var bin = feature.BinOf(applicant);
            var weight = feature.Weights[bin];
            result[f] = new FeatureContribution(feature.Name, feature.BinLabels[bin], weight, weight - feature.Weights[feature.BestBin]);
        }

        return result;
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
            throw new ScorecardLoadException($"Cannot read {fileName} in '{modelDirectory}': {e.Message}", e);
        }
    }
}
