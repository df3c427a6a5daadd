using Google.Protobuf;
using Microsoft.AspNetCore.Http;

namespace Decisioning.Grpc;

internal static class GrpcServerResponse
{
    public static void WriteMessageAndTrailers(HttpResponse response, IMessage message, int size, Metadata? trailers)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = GrpcProtocol.ContentType;
        MessageFraming.WriteMessage(response.BodyWriter, message, size);
        response.AppendTrailer(GrpcProtocol.StatusTrailer, GrpcProtocol.FormatStatus(StatusCode.OK));
        if (trailers is { Count: > 0 })
        {
            foreach (var entry in trailers)
            {
                if (!GrpcProtocol.IsReservedHeader(entry.Key))
                {
                    response.AppendTrailer(entry.Key, entry.IsBinary ? GrpcProtocol.EncodeBinaryValue(entry.ValueBytes) : entry.Value);
                }
            }
        }
    }

    // Trailers-Only: one HEADERS frame with END_STREAM carrying the status, used for errors before any message.
    public static void WriteTrailersOnly(HttpResponse response, Status status, Metadata? trailers)
    {
        if (response.HasStarted)
        {
            return;
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = GrpcProtocol.ContentType;
        var headers = response.Headers;
        headers[GrpcProtocol.StatusTrailer] = GrpcProtocol.FormatStatus(status.StatusCode);
        if (!string.IsNullOrEmpty(status.Detail))
        {
            headers[GrpcProtocol.MessageTrailer] = PercentEncoding.Encode(status.Detail);
        }

        if (trailers is { Count: > 0 })
        {
            GrpcProtocol.WriteMetadata(headers, trailers);
        }
    }

    public static void WriteUnsupportedContentType(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
        response.ContentType = GrpcProtocol.ContentType;
        response.Headers[GrpcProtocol.StatusTrailer] = GrpcProtocol.FormatStatus(StatusCode.Internal);
        response.Headers[GrpcProtocol.MessageTrailer] = PercentEncoding.Encode(
            $"Content-Type '{httpContext.Request.ContentType}' is not supported.");
    }

    public static Task WriteUnimplementedAsync(HttpContext httpContext)
    {
        WriteTrailersOnly(httpContext.Response, new Status(StatusCode.Unimplemented, "Method is unimplemented."), trailers: null);
        return Task.CompletedTask;
    }
}
