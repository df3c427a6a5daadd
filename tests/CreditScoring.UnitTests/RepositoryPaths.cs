namespace CreditScoring.UnitTests;

// Tests read the committed model and the team datasets in place, located from the repository root.
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string ModelDirectory => Path.Combine(Root, "services", "CreditScoring", "models", "german-scorecard", "1");

    public static string Datasets => Path.Combine(Directory.GetParent(Root)!.FullName, "shared", "datasets");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Decisioning.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Decisioning.sln above {AppContext.BaseDirectory}");
    }
}
