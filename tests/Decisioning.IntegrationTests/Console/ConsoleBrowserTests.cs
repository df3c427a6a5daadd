using Decisioning.IntegrationTests.Infrastructure;

namespace Decisioning.IntegrationTests.Console;

/// <summary>
/// The console in a real browser: each browser/*.test.mjs drives Debian's Chromium (playwright-core) against the
/// running platform. Set CONSOLE_SCREENSHOTS to a folder (docs/console; relative to the repository) to keep the
/// screenshots the tests take.
/// </summary>
[Collection(ConsoleCollection.Name)]
public class ConsoleBrowserTests(ConsoleFixture console)
{
    private static readonly string Folder = Path.Combine(RepositoryPaths.Root, "tests", "Decisioning.IntegrationTests", "Console", "browser");

    public static TheoryData<string> Scripts() =>
        new(Directory.GetFiles(Folder, "*.test.mjs").Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(Scripts))]
    public async Task Browser_tests_pass(string script)
    {
        if (!Directory.Exists(Path.Combine(Folder, "node_modules")))
        {
            throw new InvalidOperationException($"playwright-core is not installed: npm ci --prefix {Folder} (test.sh does).");
        }

        var screenshots = Environment.GetEnvironmentVariable("CONSOLE_SCREENSHOTS") is { Length: > 0 } kept
            ? Path.GetFullPath(kept, RepositoryPaths.Root)
            : Directory.CreateTempSubdirectory("console-screenshots").FullName;
        Directory.CreateDirectory(screenshots);
        var environment = new Dictionary<string, string>
        {
            ["CONSOLE_URL"] = console.Platform.GatewayAddress.ToString().TrimEnd('/'),
            ["CONSOLE_SEED"] = console.SeedJson,
            ["CONSOLE_SCREENSHOTS"] = screenshots,
        };

        // node --test exits non-zero when a test fails; its report (which test, which assertion) is the failure message.
        await ProcessRunner.RunAsync("node", ["--test", "--test-reporter=spec", Path.Combine(Folder, script)], TimeSpan.FromMinutes(3), environment);
    }
}
