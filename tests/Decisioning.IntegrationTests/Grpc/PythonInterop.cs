namespace Decisioning.IntegrationTests.Grpc;

// The reference implementation: Debian's python3-grpcio with messages from Debian's protoc (3.21, matching python3-protobuf).
public static class PythonInterop
{
    public const string Python = "/usr/bin/python3";
    public const string Protoc = "/usr/bin/protoc";

    public static readonly TimeSpan ProcessTimeout = TimeSpan.FromSeconds(60);

    public static string ScriptDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "Grpc");

    public static string Script(string name) => Path.Combine(ScriptDirectory, name);

    public static async Task<string> GenerateModulesAsync()
    {
        var directory = Directory.CreateTempSubdirectory("decisioning-grpc-py-").FullName;
        await using var protoc = ChildProcess.Start(
            Protoc, "--proto_path=" + ScriptDirectory, "--python_out=" + directory, "echo.proto", "health.proto", "reflection.proto");
        var (exitCode, _) = await protoc.RunToEndAsync(ProcessTimeout);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"protoc failed with {exitCode}: {protoc.StandardError}");
        }

        return directory;
    }
}
