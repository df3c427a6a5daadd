using Npgsql;

namespace Decisioning.IntegrationTests.Infrastructure;

/// <summary>
/// A private PostgreSQL cluster in a temporary folder on a free loopback port, started with the
/// machine's own server binaries (as the postgres user when the tests run as root).
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(90);
    private readonly string _binDirectory;
    private readonly bool _asRoot = Environment.UserName == "root";

    private PostgresServer(string dataDirectory, int port, string binDirectory)
    {
        DataDirectory = dataDirectory;
        Port = port;
        _binDirectory = binDirectory;
    }

    public string DataDirectory { get; }

    public int Port { get; }

    public static async Task<PostgresServer> StartAsync()
    {
        var bin = Directory.GetDirectories("/usr/lib/postgresql")
            .Select(d => Path.Combine(d, "bin"))
            .Where(d => File.Exists(Path.Combine(d, "initdb")))
            .OrderByDescending(d => d, StringComparer.Ordinal)
            .FirstOrDefault() ?? throw new InvalidOperationException("PostgreSQL server binaries are not installed (apt-get install postgresql; ./test.sh does it).");
        var dir = Directory.CreateTempSubdirectory("decisioning-pg-").FullName;
        var server = new PostgresServer(dir, FreePort.Next(), bin);
        if (server._asRoot)
        {
            await ProcessRunner.RunAsync("chown", ["postgres:postgres", dir], CommandTimeout);
        }

        await server.RunAsync("initdb", ["-D", dir, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync"]);
        await server.StartServerAsync();
        return server;
    }

    /// <summary>A connection string to a database of this server.</summary>
    public string ConnectionString(string database = "postgres") =>
        $"Host=127.0.0.1;Port={Port};Database={database};Username=postgres;Timeout=3;Command Timeout=10;Maximum Pool Size=50";

    /// <summary>Creates a new empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string name)
    {
        await using var connection = new NpgsqlConnection(ConnectionString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    public Task StopServerAsync() => RunAsync("pg_ctl", ["-D", DataDirectory, "-m", "immediate", "-w", "stop"]);

    public Task StartServerAsync() => RunAsync("pg_ctl",
    [
        "-D", DataDirectory, "-l", Path.Combine(DataDirectory, "server.log"), "-w", "-t", "60",
        "-o", $"-c listen_addresses=127.0.0.1 -p {Port} -c unix_socket_directories='{DataDirectory}' -c fsync=off -c max_connections=300",
        "start",
    ]);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopServerAsync();
        }
        catch (InvalidOperationException)
        {
            // Already stopped by the test.
        }

        Directory.Delete(DataDirectory, recursive: true);
    }

    private Task<string> RunAsync(string program, IEnumerable<string> arguments)
    {
        var path = Path.Combine(_binDirectory, program);
        return _asRoot
            ? ProcessRunner.RunAsync("runuser", ["-u", "postgres", "--", path, .. arguments], CommandTimeout)
            : ProcessRunner.RunAsync(path, arguments, CommandTimeout);
    }
}
