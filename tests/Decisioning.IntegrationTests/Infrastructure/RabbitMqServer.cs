using System.Net;
using System.Net.Sockets;

namespace Decisioning.IntegrationTests.Infrastructure;

/// <summary>
/// A private RabbitMQ node in a temporary folder on free loopback ports (AMQP on <see cref="Port"/>, then Erlang
/// distribution, the CLI tools' ports and its own epmd just above it), started and stopped by the same shell
/// helpers as <c>run.sh</c> (<c>deploy/local/common.sh</c>). It can be stopped and started again with its data.
/// </summary>
public sealed class RabbitMqServer : IAsyncDisposable
{
    // The node's AMQP port and the 12 ports above it (see with_private_rabbitmq in common.sh).
    private const int PortsUsed = 13;
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(150);
    private static readonly string Helpers = Path.Combine(RepositoryPaths.Root, "deploy", "local", "common.sh");

    private RabbitMqServer(string dataDirectory, int port)
    {
        DataDirectory = dataDirectory;
        Port = port;
    }

    public string DataDirectory { get; }

    public int Port { get; }

    /// <summary>The AMQP URI of the node, as the Worker's <c>Outbox:RabbitMqUri</c> takes it.</summary>
    public Uri AmqpUri => new($"amqp://guest:guest@127.0.0.1:{Port}/");

    public static async Task<RabbitMqServer> StartAsync()
    {
        if (!File.Exists("/usr/lib/rabbitmq/bin/rabbitmq-server"))
        {
            throw new InvalidOperationException("RabbitMQ is not installed (apt-get install rabbitmq-server; ./test.sh does it).");
        }

        var server = new RabbitMqServer(Directory.CreateTempSubdirectory("decisioning-rabbitmq-").FullName, FreePort.Range(PortsUsed));
        try
        {
            await server.StartServerAsync();
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    public Task StartServerAsync() => RunHelperAsync("start_private_rabbitmq", "120");

    public async Task StopServerAsync()
    {
        await RunHelperAsync("stop_private_rabbitmq");
        KillStragglers();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopServerAsync();
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
        {
            KillStragglers();
        }

        Directory.Delete(DataDirectory, recursive: true);
    }

    private Task<string> RunHelperAsync(string helper, params string[] more) => ProcessRunner.RunAsync(
        "bash",
        ["-c", $". \"$0\" && {helper} \"$1\" \"$2\" {string.Join(' ', more)}", Helpers, DataDirectory, Port.ToString(System.Globalization.CultureInfo.InvariantCulture)],
        CommandTimeout);

    // Whatever of this node outlived the stop: its Erlang VM (whose command line names its home, the data
    // folder) and its epmd (named by its port). Nothing else is touched.
    private void KillStragglers()
    {
        var epmd = $"-port\0{Port + 12}\0";
        foreach (var proc in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(proc), out var pid))
            {
                continue;
            }

            string commandLine;
            try
            {
                commandLine = File.ReadAllText(Path.Combine(proc, "cmdline"));
            }
            catch (IOException)
            {
                continue;
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }

            var ours = commandLine.Contains(DataDirectory, StringComparison.Ordinal)
                || (commandLine.Contains("/epmd\0", StringComparison.Ordinal) && commandLine.Contains(epmd, StringComparison.Ordinal));
            if (ours && pid != Environment.ProcessId)
            {
                try
                {
                    using var process = System.Diagnostics.Process.GetProcessById(pid);
                    process.Kill(entireProcessTree: true);
                }
                catch (ArgumentException)
                {
                    // Gone already.
                }
                catch (InvalidOperationException)
                {
                }
            }
        }
    }
}
