using System.Globalization;
using CreditScoring.Gbm;

namespace CreditScoring.UnitTests;

// The committed challenger and xgboost's own predictions for every German credit row (parity.csv).
internal static class CommittedGbm
{
    private static readonly Lazy<GradientBoostedModel> Loaded = new(() => GradientBoostedModel.Load(Directory));

    private static readonly Lazy<GradientBoostedModel> LoadedRecursive = new(() => GradientBoostedModel.Load(Directory, TreeShapAlgorithm.Recursive));

    private static readonly Lazy<IReadOnlyList<GbmParityRow>> Parity = new(ReadParity);

    public static string Directory => Path.Combine(RepositoryPaths.Root, "services", "CreditScoring", "models", "german-gbm", "1");

    public static GradientBoostedModel Model => Loaded.Value;

    public static GradientBoostedModel With(TreeShapAlgorithm shap) => shap == TreeShapAlgorithm.Recursive ? LoadedRecursive.Value : Loaded.Value;

    public static string ModelJson => File.ReadAllText(Path.Combine(Directory, GradientBoostedModel.ModelFileName));

    public static string ManifestJson => File.ReadAllText(Path.Combine(Directory, GradientBoostedModel.ManifestFileName));

    public static IReadOnlyList<GbmParityRow> ParityRows => Parity.Value;

    private static IReadOnlyList<GbmParityRow> ReadParity()
    {
        var lines = File.ReadAllLines(Path.Combine(Directory, "parity.csv"));
        Assert.Equal("row,pd,margin", string.Join(',', lines[0].Split(',').Take(3)));
        return [.. lines.Skip(1).Select(line =>
        {
            var f = line.Split(',');
            var values = f.Skip(1).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            return new GbmParityRow(int.Parse(f[0], CultureInfo.InvariantCulture), values[0], values[1], values[2..]);
        })];
    }
}
