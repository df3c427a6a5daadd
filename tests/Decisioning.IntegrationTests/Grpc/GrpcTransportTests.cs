using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Decisioning.Grpc;
using Decisioning.Grpc.Health.V1;
using Google.Protobuf;
using Microsoft.Extensions.Logging;

namespace Decisioning.IntegrationTests.Grpc;

// Our client against our server on a real Kestrel over h2c.
public sealed class GrpcTransportTests(GrpcServerFixture fixture) : IClassFixture<GrpcServerFixture>
{
    private static readonly TimeSpan s_bound = TimeSpan.FromSeconds(10);

    private GrpcChannel Channel => fixture.Channel;

    private static CallOptions Bounded(Metadata? headers = null) => new(headers, DateTime.UtcNow.Add(s_bound));

    [Fact]
    public async Task Echo_round_trips_message_and_payload()
    {
        var payload = ByteString.CopyFrom(Enumerable.Range(0, 10_000).Select(i => (byte)i).ToArray());

        var reply = await Channel.UnaryCallAsync(EchoMethods.Echo, new EchoRequest { Message = "Kreditantrag ✓", Payload = payload }, Bounded());

        Assert.Equal("Kreditantrag ✓", reply.Message);
        Assert.Equal(payload, reply.Payload);
    }

    [Fact]
    public async Task Empty_messages_round_trip()
    {
        var reply = await Channel.UnaryCallAsync(EchoMethods.Echo, new EchoRequest(), Bounded());

        Assert.Equal(new EchoReply { DeadlineRemainingMs = reply.DeadlineRemainingMs }, reply);
    }

    [Fact]
    public async Task Deadline_travels_as_grpc_timeout_to_the_handler()
    {
        var withDeadline = await Channel.UnaryCallAsync(EchoMethods.Echo, new EchoRequest(), new CallOptions(deadline: DateTime.UtcNow.AddSeconds(5)));
        var withoutDeadline = await Channel.UnaryCallAsync(EchoMethods.Echo, new EchoRequest());

        Assert.InRange(withDeadline.DeadlineRemainingMs, 3_000, 5_000);
        Assert.Equal(-1, withoutDeadline.DeadlineRemainingMs);
    }

    [Fact]
    public async Task Expired_deadline_fails_with_DeadlineExceeded_and_cancels_the_handler()
    {
        await using var server = await GrpcTestServer.StartAsync();
        using var channel = server.CreateChannel();
        await channel.UnaryCallAsync(EchoMethods.Echo, new EchoRequest(), Bounded());
        var stopwatch = Stopwatch.StartNew();

        // A whole second, so that even a loaded machine starts the handler before the deadline.
        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            channel.UnaryCallAsync(EchoMethods.Slow, new SlowRequest(), new CallOptions(deadline: DateTime.UtcNow.AddSeconds(1))));

        Assert.Equal(StatusCode.DeadlineExceeded, ex.StatusCode);
        Assert.InRange(stopwatch.Elapsed, TimeSpan.FromMilliseconds(950), TimeSpan.FromSeconds(6));
        Assert.True(server.Handlers.SlowCallStarted.IsCompleted);
        await server.Handlers.SlowCallCancelled.WaitAsync(s_bound);
    }

    [Fact]
    public async Task Server_answers_DeadlineExceeded_at_the_deadline_even_when_the_handler_ignores_its_token()
    {
        var body = RawHttp2Client.Frame(new SlowRequest { IgnoreCancellationForMs = 3_000 });
        var stopwatch = Stopwatch.StartNew();

        using var response = await RawHttp2Client.PostAsync(fixture.Server.Address, EchoMethods.Slow.FullName, body, headers: ("grpc-timeout", "200m"));

        Assert.Equal("4", RawHttp2Client.GrpcStatus(response));
        Assert.InRange(stopwatch.Elapsed, TimeSpan.FromMilliseconds(150), TimeSpan.FromMilliseconds(2_500));
    }

    [Fact]
    public async Task Deadline_already_passed_fails_without_sending()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            Channel.UnaryCallAsync(EchoMethods.Echo, new EchoRequest(), new CallOptions(deadline: DateTime.UtcNow.AddSeconds(-1))));

        Assert.Equal(StatusCode.DeadlineExceeded, ex.StatusCode);
    }

    [Fact]
    public async Task Cancelling_the_token_fails_with_Cancelled_and_cancels_the_handler()
    {
        await using var server = await GrpcTestServer.StartAsync();
        using var channel = server.CreateChannel();
        using var cancellation = new CancellationTokenSource();

        var call = channel.UnaryCallAsync(EchoMethods.Slow, new SlowRequest(), new CallOptions(deadline: DateTime.UtcNow.Add(s_bound), cancellationToken: cancellation.Token));
        await server.Handlers.SlowCallStarted.WaitAsync(s_bound);
        await cancellation.CancelAsync();

        var ex = await Assert.ThrowsAsync<RpcException>(() => call);
        Assert.Equal(StatusCode.Cancelled, ex.StatusCode);
        await server.Handlers.SlowCallCancelled.WaitAsync(s_bound);
    }

    [Fact]
    public async Task Handler_status_non_ascii_detail_and_trailers_reach_the_client()
    {
        const string detail = "Antrag abgelehnt: Überschuldung 100% – 信用 ✓\nzweite Zeile";

        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            Channel.UnaryCallAsync(EchoMethods.Fail, new FailRequest { Code = (int)StatusCode.FailedPrecondition, Detail = detail }, Bounded()));

        Assert.Equal(StatusCode.FailedPrecondition, ex.StatusCode);
        Assert.Equal(detail, ex.Status.Detail);
        Assert.Equal("test", ex.Trailers.GetValue("x-reason"));
        Assert.Equal(new byte[] { 0, 1, 255 }, ex.Trailers.GetValueBytes("x-detail-bin"));
    }

    [Fact]
    public async Task Unexpected_handler_exception_is_Unknown_with_a_generic_detail_and_a_log_line()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            Channel.UnaryCallAsync(EchoMethods.Fail, new FailRequest { ThrowUnexpected = true }, Bounded()));

        Assert.Equal(StatusCode.Unknown, ex.StatusCode);
        Assert.DoesNotContain(EchoHandlers.SecretInExceptionText, ex.Status.Detail, StringComparison.Ordinal);
        Assert.Contains(fixture.Server.Logs.Lines, line =>
            line.Level == LogLevel.Error && line.Message.Contains(EchoMethods.Fail.FullName, StringComparison.Ordinal)
            && line.Exception is InvalidOperationException);
    }

    [Fact]
    public async Task Request_metadata_reaches_the_handler()
    {
        var headers = new Metadata { { "X-Tenant-Id", "demo" }, { "x-blob-bin", new byte[] { 0, 1, 254, 255 } } };

        var ascii = await Channel.UnaryCallAsync(EchoMethods.EchoHeader, new HeaderRequest { Name = "x-tenant-id" }, Bounded(headers));
        var binary = await Channel.UnaryCallAsync(EchoMethods.EchoHeader, new HeaderRequest { Name = "x-blob-bin" }, Bounded(headers));

        Assert.True(ascii.Found);
        Assert.Equal("demo", ascii.Value);
        Assert.True(binary.Found);
        Assert.Equal(new byte[] { 0, 1, 254, 255 }, binary.BinaryValue.ToByteArray());
    }

    [Theory]
    [InlineData("grpc-custom")]
    [InlineData("te")]
    [InlineData("content-type")]
    [InlineData("grpc-timeout")]
    public async Task Reserved_headers_are_not_handler_metadata(string name)
    {
        var headers = new Metadata { { "grpc-custom", "smuggled" } };

        var reply = await Channel.UnaryCallAsync(EchoMethods.EchoHeader, new HeaderRequest { Name = name }, Bounded(headers));

        Assert.False(reply.Found);
    }

    [Fact]
    public async Task Oversize_request_is_refused_by_the_server_with_ResourceExhausted()
    {
        await using var server = await GrpcTestServer.StartAsync(options => options.MaxReceiveMessageSize = 1_024);
        using var channel = server.CreateChannel();

        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            channel.UnaryCallAsync(EchoMethods.Echo, new EchoRequest { Payload = ByteString.CopyFrom(new byte[2_048]) }, Bounded()));

        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
    }

    [Fact]
    public async Task Oversize_reply_is_refused_by_the_server_with_ResourceExhausted()
    {
        await using var server = await GrpcTestServer.StartAsync(options => options.MaxSendMessageSize = 1_024);
        using var channel = server.CreateChannel();

        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            channel.UnaryCallAsync(EchoMethods.Echo, new EchoRequest { Payload = ByteString.CopyFrom(new byte[2_048]) }, Bounded()));

        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
    }

    [Fact]
    public async Task Oversize_reply_is_refused_by_the_client_with_ResourceExhausted()
    {
        using var channel = fixture.Server.CreateChannel(new GrpcChannelOptions { MaxReceiveMessageSize = 1_024 });

        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            channel.UnaryCallAsync(EchoMethods.Echo, new EchoRequest { Payload = ByteString.CopyFrom(new byte[2_048]) }, Bounded()));

        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
    }

    [Fact]
    public async Task Oversize_request_is_not_sent_by_the_client()
    {
        using var channel = fixture.Server.CreateChannel(new GrpcChannelOptions { MaxSendMessageSize = 1_024 });

        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            channel.UnaryCallAsync(EchoMethods.Echo, new EchoRequest { Payload = ByteString.CopyFrom(new byte[2_048]) }, Bounded()));

        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
    }

    [Fact]
    public async Task Health_check_reports_server_and_service_status_and_NotFound_for_unknown_services()
    {
        const string service = "decisioning.testing.v1.HealthProbe";
        fixture.Server.Health.SetStatus(service, HealthCheckResponse.Types.ServingStatus.NotServing);

        var server = await Channel.UnaryCallAsync(HealthMethods.Check, new HealthCheckRequest(), Bounded());
        var probed = await Channel.UnaryCallAsync(HealthMethods.Check, new HealthCheckRequest { Service = service }, Bounded());
        var unknown = await Assert.ThrowsAsync<RpcException>(() =>
            Channel.UnaryCallAsync(HealthMethods.Check, new HealthCheckRequest { Service = "no.such.Service" }, Bounded()));

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, server.Status);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, probed.Status);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
    }

    [Theory]
    [InlineData(EchoMethods.ServiceName, "NoSuchMethod")]
    [InlineData("decisioning.testing.v1.NoSuchService", "Echo")]
    public async Task Unmapped_method_answers_Unimplemented(string service, string name)
    {
        var method = new Method<EchoRequest, EchoReply>(service, name);

        var ex = await Assert.ThrowsAsync<RpcException>(() => Channel.UnaryCallAsync(method, new EchoRequest(), Bounded()));

        Assert.Equal(StatusCode.Unimplemented, ex.StatusCode);
    }

    [Fact]
    public async Task Non_grpc_post_to_an_unmapped_path_still_gets_404()
    {
        using var response = await RawHttp2Client.PostAsync(fixture.Server.Address, "/no/such/page", "{}"u8.ToArray(), "application/json");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(RawHttp2Client.GrpcStatus(response));
    }

    [Fact]
    public async Task Unsupported_content_type_gets_415()
    {
        var body = RawHttp2Client.Frame(new EchoRequest { Message = "x" });

        using var response = await RawHttp2Client.PostAsync(fixture.Server.Address, EchoMethods.Echo.FullName, body, "application/json");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task Grpc_proto_content_type_is_accepted_and_status_sent_in_trailers()
    {
        var body = RawHttp2Client.Frame(new EchoRequest { Message = "x" });

        using var response = await RawHttp2Client.PostAsync(fixture.Server.Address, EchoMethods.Echo.FullName, body, "application/grpc+proto");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("0", string.Join(",", response.TrailingHeaders.GetValues("grpc-status")));
        Assert.False(response.Headers.Contains("grpc-status"));
    }

    [Fact]
    public async Task Errors_are_sent_trailers_only()
    {
        var body = RawHttp2Client.Frame(new FailRequest { Code = (int)StatusCode.NotFound, Detail = "no applicant 42" });

        using var response = await RawHttp2Client.PostAsync(fixture.Server.Address, EchoMethods.Fail.FullName, body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("5", string.Join(",", response.Headers.GetValues("grpc-status")));
        Assert.Equal("no applicant 42", string.Join(",", response.Headers.GetValues("grpc-message")));
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Empty(response.TrailingHeaders);
    }

    [Fact]
    public async Task Compressed_message_without_negotiated_encoding_is_Internal()
    {
        var body = RawHttp2Client.Frame(new EchoRequest { Message = "x" }, compressedFlag: 1);

        using var response = await RawHttp2Client.PostAsync(fixture.Server.Address, EchoMethods.Echo.FullName, body);

        Assert.Equal("13", RawHttp2Client.GrpcStatus(response));
    }

    [Fact]
    public async Task Unsupported_grpc_encoding_is_Unimplemented_and_lists_identity()
    {
        var body = RawHttp2Client.Frame(new EchoRequest { Message = "x" }, compressedFlag: 1);

        using var response = await RawHttp2Client.PostAsync(fixture.Server.Address, EchoMethods.Echo.FullName, body, headers: ("grpc-encoding", "gzip"));

        Assert.Equal("12", RawHttp2Client.GrpcStatus(response));
        Assert.Equal("identity", string.Join(",", response.Headers.GetValues("grpc-accept-encoding")));
    }

    [Fact]
    public async Task Plain_http_error_maps_to_a_grpc_status()
    {
        var method = new Method<EchoRequest, EchoReply>("decisioning.testing.v1.Broken", "Unavailable");

        var ex = await Assert.ThrowsAsync<RpcException>(() => Channel.UnaryCallAsync(method, new EchoRequest(), Bounded()));

        Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
        Assert.Contains("503", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connection_refused_is_Unavailable()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var channel = GrpcChannel.ForAddress(new Uri($"http://127.0.0.1:{port}"));

        var ex = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryCallAsync(EchoMethods.Echo, new EchoRequest(), Bounded()));

        Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
    }

    [Fact]
    public async Task Concurrent_calls_share_one_channel()
    {
        var calls = Enumerable.Range(0, 500)
            .Select(i => Channel.UnaryCallAsync(EchoMethods.Echo, new EchoRequest { Message = $"call {i}" }, Bounded()))
            .ToArray();

        var replies = await Task.WhenAll(calls);

        Assert.Equal(Enumerable.Range(0, 500).Select(i => $"call {i}"), replies.Select(r => r.Message));
    }

    [Fact]
    public async Task Client_trace_context_reaches_the_server_activity()
    {
        var stopped = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == GrpcTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);

        using var parent = new Activity("credit-decision").SetIdFormat(ActivityIdFormat.W3C).Start();
        await Channel.UnaryCallAsync(EchoMethods.Echo, new EchoRequest { Message = "traced" }, Bounded());
        var traceParent = await Channel.UnaryCallAsync(EchoMethods.EchoHeader, new HeaderRequest { Name = "traceparent" }, Bounded());
        parent.Stop();

        var serverActivity = await WaitForAsync(() =>
            stopped.FirstOrDefault(a => a.Kind == ActivityKind.Server && a.TraceId == parent.TraceId));
        var clientActivity = stopped.First(a => a.Kind == ActivityKind.Client && a.TraceId == parent.TraceId);
        Assert.Contains(parent.TraceId.ToHexString(), traceParent.Value, StringComparison.Ordinal);
        Assert.Equal(parent.SpanId, clientActivity.ParentSpanId);
        Assert.Equal("decisioning.testing.v1.EchoService/Echo", serverActivity.OperationName);
        Assert.Equal("grpc", serverActivity.GetTagItem("rpc.system"));
        Assert.Equal(EchoMethods.ServiceName, serverActivity.GetTagItem("rpc.service"));
        Assert.Equal("Echo", serverActivity.GetTagItem("rpc.method"));
        Assert.Equal(0, serverActivity.GetTagItem("rpc.grpc.status_code"));
        Assert.Equal(0, clientActivity.GetTagItem("rpc.grpc.status_code"));
    }

    private static async Task<T> WaitForAsync<T>(Func<T?> probe)
        where T : class
    {
        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < s_bound)
        {
            if (probe() is { } found)
            {
                return found;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException("The expected activity was not recorded.");
    }
}
