using CreditScoring.Scoring;

namespace CreditScoring.UnitTests;

internal static class CommittedModel
{
    private static readonly Lazy<Scorecard> Loaded = new(() => Scorecard.Load(RepositoryPaths.ModelDirectory));

    public static Scorecard Scorecard => Loaded.Value;

    public static string ModelJson => File.ReadAllText(Path.Combine(RepositoryPaths.ModelDirectory, Scorecard.ModelFileName));

    public static string ManifestJson => File.ReadAllText(Path.Combine(RepositoryPaths.ModelDirectory, Scorecard.ManifestFileName));
}
