namespace Decisioning.Grpc.UnitTests;

public sealed class GrpcStatusMappingTests
{
    [Theory]
    [InlineData(400, StatusCode.Internal)]
    [InlineData(401, StatusCode.Unauthenticated)]
    [InlineData(403, StatusCode.PermissionDenied)]
    [InlineData(404, StatusCode.Unimplemented)]
    [InlineData(429, StatusCode.Unavailable)]
    [InlineData(502, StatusCode.Unavailable)]
    [InlineData(503, StatusCode.Unavailable)]
    [InlineData(504, StatusCode.Unavailable)]
    [InlineData(500, StatusCode.Unknown)]
    [InlineData(302, StatusCode.Unknown)]
    public void Maps_http_status_per_the_spec_table(int httpStatus, StatusCode expected)
    {
        Assert.Equal(expected, GrpcStatusMapping.FromHttpStatus(httpStatus));
    }

    [Theory]
    [InlineData(0x0, StatusCode.Internal)]
    [InlineData(0x1, StatusCode.Internal)]
    [InlineData(0x2, StatusCode.Internal)]
    [InlineData(0x7, StatusCode.Unavailable)]
    [InlineData(0x8, StatusCode.Cancelled)]
    [InlineData(0xB, StatusCode.ResourceExhausted)]
    [InlineData(0xC, StatusCode.PermissionDenied)]
    public void Maps_rst_stream_error_codes(long http2ErrorCode, StatusCode expected)
    {
        Assert.Equal(expected, GrpcStatusMapping.FromHttp2ErrorCode(http2ErrorCode));
    }

    [Fact]
    public void Status_codes_are_the_seventeen_standard_ones()
    {
        Assert.Equal(Enumerable.Range(0, 17), Enum.GetValues<StatusCode>().Select(code => (int)code));
        Assert.Equal(0, (int)StatusCode.OK);
        Assert.Equal(4, (int)StatusCode.DeadlineExceeded);
        Assert.Equal(12, (int)StatusCode.Unimplemented);
        Assert.Equal(16, (int)StatusCode.Unauthenticated);
    }

    [Theory]
    [InlineData("0", StatusCode.OK)]
    [InlineData("13", StatusCode.Internal)]
    [InlineData("16", StatusCode.Unauthenticated)]
    public void Parses_grpc_status_values(string value, StatusCode expected)
    {
        Assert.True(GrpcProtocol.TryParseStatus(value, out var code));
        Assert.Equal(expected, code);
        Assert.Equal(value, GrpcProtocol.FormatStatus(expected));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("-1")]
    [InlineData("OK")]
    public void Rejects_malformed_grpc_status(string? value)
    {
        Assert.False(GrpcProtocol.TryParseStatus(value, out _));
    }

    [Fact]
    public void RpcException_exposes_status_and_trailers()
    {
        var trailers = new Metadata { { "x-reason", "limit" } };

        var ex = new RpcException(new Status(StatusCode.FailedPrecondition, "over limit"), trailers);

        Assert.Equal(StatusCode.FailedPrecondition, ex.StatusCode);
        Assert.Equal("over limit", ex.Status.Detail);
        Assert.Same(trailers, ex.Trailers);
        Assert.Empty(new RpcException(new Status(StatusCode.Internal, "")).Trailers);
    }
}
