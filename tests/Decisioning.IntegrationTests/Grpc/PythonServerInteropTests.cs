using System.Diagnostics;
using Decisioning.Grpc;
using Google.Protobuf;

namespace Decisioning.IntegrationTests.Grpc;

// Our client calls the reference server (grpcio).
public sealed class PythonServerInteropTests(PythonServerFixture python) : IClassFixture<PythonServerFixture>, IDisposable
{
    private const string NonAsciiDetail = "Antrag abgelehnt: Überschuldung 100% – 信用 ✓\nzweite Zeile";

    private readonly GrpcChannel _channel = GrpcChannel.ForAddress(python.Address);

    private static CallOptions Bounded(Metadata? headers = null) => new(headers, DateTime.UtcNow.AddSeconds(10));

    [Fact]
    public async Task Echo_is_OK_and_the_reference_server_reads_our_grpc_timeout()
    {
        var payload = ByteString.CopyFrom(Enumerable.Range(0, 256).Select(i => (byte)i).ToArray());

        var reply = await _channel.UnaryCallAsync(
            EchoMethods.Echo, new EchoRequest { Message = "hallo ✓", Payload = payload }, new CallOptions(deadline: DateTime.UtcNow.AddSeconds(5)));

        Assert.Equal("hallo ✓", reply.Message);
        Assert.Equal(payload, reply.Payload);
        Assert.InRange(reply.DeadlineRemainingMs, 3_000, 5_000);
    }

    [Fact]
    public async Task Deadline_on_the_slow_method_is_DeadlineExceeded()
    {
        await _channel.UnaryCallAsync(EchoMethods.Echo, new EchoRequest(), Bounded());
        var stopwatch = Stopwatch.StartNew();

        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            _channel.UnaryCallAsync(EchoMethods.Slow, new SlowRequest(), new CallOptions(deadline: DateTime.UtcNow.AddSeconds(1))));

        Assert.Equal(StatusCode.DeadlineExceeded, ex.StatusCode);
        Assert.InRange(stopwatch.Elapsed, TimeSpan.FromMilliseconds(950), TimeSpan.FromSeconds(6));
    }

    [Fact]
    public async Task Non_OK_status_arrives_with_its_non_ascii_message_and_trailers()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => _channel.UnaryCallAsync(
            EchoMethods.Fail, new FailRequest { Code = (int)StatusCode.FailedPrecondition, Detail = NonAsciiDetail }, Bounded()));

        Assert.Equal(StatusCode.FailedPrecondition, ex.StatusCode);
        Assert.Equal(NonAsciiDetail, ex.Status.Detail);
        Assert.Equal("test", ex.Trailers.GetValue("x-reason"));
        Assert.Equal(new byte[] { 0, 1, 255 }, ex.Trailers.GetValueBytes("x-detail-bin"));
    }

    [Fact]
    public async Task Metadata_reaches_the_reference_server()
    {
        var headers = new Metadata { { "x-tenant-id", "demo" }, { "x-blob-bin", new byte[] { 0, 1, 254, 255 } } };

        var ascii = await _channel.UnaryCallAsync(EchoMethods.EchoHeader, new HeaderRequest { Name = "x-tenant-id" }, Bounded(headers));
        var binary = await _channel.UnaryCallAsync(EchoMethods.EchoHeader, new HeaderRequest { Name = "x-blob-bin" }, Bounded(headers));

        Assert.Equal("demo", ascii.Value);
        Assert.Equal(new byte[] { 0, 1, 254, 255 }, binary.BinaryValue.ToByteArray());
    }

    [Fact]
    public async Task Unknown_method_is_Unimplemented()
    {
        var method = new Method<EchoRequest, EchoReply>(EchoMethods.ServiceName, "NoSuchMethod");

        var ex = await Assert.ThrowsAsync<RpcException>(() => _channel.UnaryCallAsync(method, new EchoRequest(), Bounded()));

        Assert.Equal(StatusCode.Unimplemented, ex.StatusCode);
    }

    public void Dispose() => _channel.Dispose();
}
