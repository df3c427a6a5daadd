using System.Text.Json;

namespace Decisioning.IntegrationTests.Grpc;

// The reference client (grpcio) calls our server.
public sealed class PythonClientInteropTests(GrpcServerFixture server, PythonModulesFixture modules)
    : IClassFixture<GrpcServerFixture>, IClassFixture<PythonModulesFixture>
{
    private const string NonAsciiDetail = "Antrag abgelehnt: Überschuldung 100% – 信用 ✓\nzweite Zeile";

    [Fact]
    public async Task Echo_is_OK()
    {
        var result = (await RunClientAsync("echo", "hallo ✓")).Single();

        Assert.Equal("OK", result.GetProperty("code").GetString());
        var reply = result.GetProperty("reply");
        Assert.Equal("hallo ✓", reply.GetProperty("message").GetString());
        Assert.Equal(Enumerable.Range(0, 256).Select(i => (byte)i), reply.GetProperty("payload").GetBytesFromBase64());
    }

    [Fact]
    public async Task Client_timeout_on_the_slow_method_is_DeadlineExceeded_and_cancels_the_handler()
    {
        var results = await RunClientAsync("deadline");

        Assert.Equal("OK", results[0].GetProperty("code").GetString());
        Assert.Equal("DEADLINE_EXCEEDED", results[1].GetProperty("code").GetString());
        Assert.InRange(results[1].GetProperty("elapsed_ms").GetInt32(), 950, 6_000);
        await server.Server.Handlers.SlowCallStarted.WaitAsync(TimeSpan.FromSeconds(10));
        await server.Server.Handlers.SlowCallCancelled.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Non_OK_status_arrives_with_its_non_ascii_message_and_trailers()
    {
        var result = (await RunClientAsync("fail", NonAsciiDetail)).Single();

        Assert.Equal("FAILED_PRECONDITION", result.GetProperty("code").GetString());
        Assert.Equal(NonAsciiDetail, result.GetProperty("details").GetString());
        var trailers = Trailers(result);
        Assert.Contains(("x-reason", "test"), trailers);
        Assert.Contains(("x-detail-bin", Convert.ToBase64String([0, 1, 255])), trailers);
    }

    [Fact]
    public async Task Unexpected_exception_is_Unknown_without_its_text()
    {
        var result = (await RunClientAsync("unexpected")).Single();

        Assert.Equal("UNKNOWN", result.GetProperty("code").GetString());
        Assert.DoesNotContain(EchoHandlers.SecretInExceptionText, result.GetProperty("details").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metadata_reaches_the_handler()
    {
        var results = await RunClientAsync("metadata");

        var ascii = results[0].GetProperty("reply");
        var binary = results[1].GetProperty("reply");
        Assert.Equal("demo", ascii.GetProperty("value").GetString());
        Assert.Equal(new byte[] { 0, 1, 254, 255 }, binary.GetProperty("binary_value").GetBytesFromBase64());
    }

    [Fact]
    public async Task Health_check_is_SERVING_and_unknown_service_NOT_FOUND()
    {
        var results = await RunClientAsync("health");

        Assert.Equal("OK", results[0].GetProperty("code").GetString());
        Assert.Equal("SERVING", results[0].GetProperty("reply").GetProperty("status").GetString());
        Assert.Equal("NOT_FOUND", results[1].GetProperty("code").GetString());
    }

    [Fact]
    public async Task Unmapped_method_is_UNIMPLEMENTED()
    {
        var result = (await RunClientAsync("unimplemented")).Single();

        Assert.Equal("UNIMPLEMENTED", result.GetProperty("code").GetString());
    }

    private async Task<JsonElement[]> RunClientAsync(string scenario, string argument = "")
    {
        var target = $"{server.Server.Address.Host}:{server.Server.Address.Port}";
        await using var client = ChildProcess.Start(
            PythonInterop.Python, PythonInterop.Script("interop_client.py"), modules.Directory, target, scenario, argument);
        var (exitCode, output) = await client.RunToEndAsync(PythonInterop.ProcessTimeout);
        Assert.True(exitCode == 0, $"interop_client.py exited with {exitCode}: {client.StandardError}");
        using var document = JsonDocument.Parse(output);
        return document.RootElement.GetProperty("results").EnumerateArray().Select(e => e.Clone()).ToArray();
    }

    private static List<(string, string)> Trailers(JsonElement result) =>
        result.GetProperty("trailers").EnumerateArray()
            .Select(pair => (pair[0].GetString()!, pair[1].GetString()!))
            .ToList();
}
