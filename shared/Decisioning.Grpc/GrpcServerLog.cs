using Microsoft.Extensions.Logging;

namespace Decisioning.Grpc;

internal static partial class GrpcServerLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "Error when executing gRPC method {Method}.")]
    public static partial void HandlerFailed(ILogger logger, string method, Exception exception);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "gRPC method {Method} finished with {StatusCode} after its response was already sent.")]
    public static partial void HandlerFinishedLate(ILogger logger, string method, StatusCode statusCode);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "Unsupported grpc-timeout value '{Value}' ignored.")]
    public static partial void InvalidTimeout(ILogger logger, string value);
}
