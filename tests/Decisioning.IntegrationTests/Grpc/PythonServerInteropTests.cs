using System.Diagnostics;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;

namespace Decisioning.IntegrationTests.Grpc;

// Our client (grpc-dotnet, as the Gateway uses it) calls the reference server (grpcio).
public sealed class PythonServerInteropTests(PythonServerFixture python) : IClassFixture<PythonServerFixture>, IDisposable
{
    private const string NonAsciiDetail = "Antrag abgelehnt: Überschuldung 100% – 信用 ✓\nzweite Zeile";

    private readonly GrpcChannel _channel = GrpcChannel.ForAddress(python.Address);

    private EchoService.EchoServiceClient Client => new(_channel);

    private static DateTime Bounded => DateTime.UtcNow.AddSeconds(10);

    [Fact]
    public async Task Echo_is_OK_and_the_reference_server_reads_our_grpc_timeout()
    {
        var payload = ByteString.CopyFrom(Enumerable.Range(0, 256).Select(i => (byte)i).ToArray());

        var reply = await Client.EchoAsync(new EchoRequest { Message = "hallo ✓", Payload = payload }, deadline: DateTime.UtcNow.AddSeconds(5));

        Assert.Equal("hallo ✓", reply.Message);
        Assert.Equal(payload, reply.Payload);
        Assert.InRange(reply.DeadlineRemainingMs, 3_000, 5_000);
    }

    [Fact]
    public async Task Deadline_on_the_slow_method_is_DeadlineExceeded()
    {
        await Client.EchoAsync(new EchoRequest(), deadline: Bounded);
        var stopwatch = Stopwatch.StartNew();

        var ex = await Assert.ThrowsAsync<RpcException>(async () => await Client.SlowAsync(new SlowRequest(), deadline: DateTime.UtcNow.AddSeconds(1)));

        Assert.Equal(StatusCode.DeadlineExceeded, ex.StatusCode);
        Assert.InRange(stopwatch.Elapsed, TimeSpan.FromMilliseconds(950), TimeSpan.FromSeconds(6));
    }

    [Fact]
    public async Task Non_OK_status_arrives_with_its_non_ascii_message_and_trailers()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(async () => await Client.FailAsync(
            new FailRequest { Code = (int)StatusCode.FailedPrecondition, Detail = NonAsciiDetail }, deadline: Bounded));

        Assert.Equal(StatusCode.FailedPrecondition, ex.StatusCode);
        Assert.Equal(NonAsciiDetail, ex.Status.Detail);
        Assert.Equal("test", ex.Trailers.GetValue("x-reason"));
        Assert.Equal(new byte[] { 0, 1, 255 }, ex.Trailers.GetValueBytes("x-detail-bin"));
    }

    [Fact]
    public async Task Metadata_reaches_the_reference_server()
    {
        var headers = new Metadata { { "x-tenant-id", "demo" }, { "x-blob-bin", new byte[] { 0, 1, 254, 255 } } };

        var ascii = await Client.EchoHeaderAsync(new HeaderRequest { Name = "x-tenant-id" }, headers, Bounded);
        var binary = await Client.EchoHeaderAsync(new HeaderRequest { Name = "x-blob-bin" }, headers, Bounded);

        Assert.Equal("demo", ascii.Value);
        Assert.Equal(new byte[] { 0, 1, 254, 255 }, binary.BinaryValue.ToByteArray());
    }

    public void Dispose() => _channel.Dispose();
}
