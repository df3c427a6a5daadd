namespace CreditScoring.UnitTests;

// Every committed model version ("<name>/<version>", a folder with a manifest under the models folder).
internal static class CommittedModelVersions
{
    public static string ModelsRoot { get; } = Path.Combine(RepositoryPaths.Root, "services", "CreditScoring", "models");

    public static List<string> All() =>
        [.. Directory.GetDirectories(ModelsRoot).SelectMany(Directory.GetDirectories)
            .Where(folder => File.Exists(Path.Combine(folder, "manifest.json")))
            .Select(folder => Path.GetRelativePath(ModelsRoot, folder).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)];

    public static TheoryData<string> Theory()
    {
        var versions = new TheoryData<string>();
        foreach (var version in All())
        {
            versions.Add(version);
        }

        return versions;
    }

    public static string PathOf(string modelVersion, string fileName) => Path.Combine(ModelsRoot, modelVersion, fileName);
}
