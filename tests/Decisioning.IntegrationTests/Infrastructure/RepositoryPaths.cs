namespace Decisioning.IntegrationTests.Infrastructure;

public static class RepositoryPaths
{
    /// <summary>The folder that holds Decisioning.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The team's datasets folder beside the repository.</summary>
    public static string Datasets => Path.GetFullPath(Path.Combine(Root, "..", "shared", "datasets"));

    /// <summary>Debug or Release: whichever this test assembly was built in, so the services match it.</summary>
    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    /// <summary>The built assembly of a service, e.g. services/Gateway/bin/Release/net10.0/Gateway.dll.</summary>
    public static string ServiceAssembly(string service) =>
        Path.Combine(Root, "services", service, "bin", Configuration, "net10.0", service + ".dll");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Decisioning.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Decisioning.sln not found above the test assembly.");
    }
}
