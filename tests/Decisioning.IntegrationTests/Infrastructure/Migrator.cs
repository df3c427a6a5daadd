using System.Diagnostics;
using Npgsql;

namespace Decisioning.IntegrationTests.Infrastructure;

/// <summary>The Migrator service, run as a process from its build output, as run.sh and compose run it.</summary>
public static class Migrator
{
    /// <summary>Applies the schema to a database; throws with the Migrator's output when it fails.</summary>
    public static async Task ApplyAsync(string connectionString)
    {
        var (exitCode, output) = await RunAsync(connectionString);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"The Migrator exited with {exitCode}:\n{output}");
        }
    }

    /// <summary>Runs the Migrator with <paramref name="arguments"/>; returns its exit code and its output (stdout, then stderr).</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string connectionString, params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(RepositoryPaths.ServiceAssembly("Migrator"));
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        // A batch step may wait longer for a connection than a request would: the test machine is often loaded.
        info.Environment["ConnectionStrings__Decisioning"] = new NpgsqlConnectionStringBuilder(connectionString) { Timeout = 30 }.ConnectionString;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
