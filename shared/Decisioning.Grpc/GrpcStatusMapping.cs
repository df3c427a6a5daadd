namespace Decisioning.Grpc;

// The HTTP-to-gRPC table of doc/http-grpc-status-mapping.md and the RST_STREAM table of PROTOCOL-HTTP2.md.
internal static class GrpcStatusMapping
{
    public static StatusCode FromHttpStatus(int httpStatus) => httpStatus switch
    {
        400 => StatusCode.Internal,
        401 => StatusCode.Unauthenticated,
        403 => StatusCode.PermissionDenied,
        404 => StatusCode.Unimplemented,
        429 or 502 or 503 or 504 => StatusCode.Unavailable,
        _ => StatusCode.Unknown,
    };

    public static StatusCode FromHttp2ErrorCode(long errorCode) => errorCode switch
    {
        0x7 => StatusCode.Unavailable,
        0x8 => StatusCode.Cancelled,
        0xB => StatusCode.ResourceExhausted,
        0xC => StatusCode.PermissionDenied,
        _ => StatusCode.Internal,
    };
}
