using Google.Protobuf;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Decisioning.Grpc;

internal sealed class UnaryServerCallHandler<TRequest, TResponse>(
    Method<TRequest, TResponse> method,
    UnaryServerMethod<TRequest, TResponse> handler,
    GrpcServiceOptions options,
    ILogger logger)
    where TRequest : class, IMessage<TRequest>, new()
    where TResponse : class, IMessage<TResponse>, new()
{
    private static readonly Status s_handlerFailed = new(StatusCode.Unknown, "Exception was thrown by handler.");
    private static readonly Status s_deadlineExceeded = new(StatusCode.DeadlineExceeded, "Deadline Exceeded");
    private static readonly Status s_cancelled = new(StatusCode.Cancelled, "Call canceled by the client.");

    public async Task HandleCallAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        if (!GrpcProtocol.IsSupportedRequestContentType(httpContext.Request.ContentType))
        {
            GrpcServerResponse.WriteUnsupportedContentType(httpContext);
            return;
        }

        var startTimestamp = System.Diagnostics.Stopwatch.GetTimestamp();
        using var activity = GrpcDiagnostics.StartServerActivity(httpContext, method.ActivityName, method.ServiceName, method.Name);
        using var context = new HttpServerCallContext(httpContext, method.FullName);
        Task<TResponse>? handlerTask = null;
        Status status;
        try
        {
            var request = await ReadRequestAsync(httpContext, context).ConfigureAwait(false);
            handlerTask = handler(request, context);
            var reply = context.HasDeadline && !handlerTask.IsCompleted
                ? await handlerTask.WaitAsync(context.CancellationToken).ConfigureAwait(false)
                : await handlerTask.ConfigureAwait(false);
            status = WriteReply(response, context, reply);
        }
        catch (RpcException ex)
        {
            status = ex.Status;
            CopyTrailers(ex.Trailers, context);
        }
        catch (OperationCanceledException) when (context.DeadlineExpired)
        {
            status = s_deadlineExceeded;
        }
        catch (OperationCanceledException) when (context.ClientAborted)
        {
            status = s_cancelled;
        }
        catch (Exception ex)
        {
            GrpcServerLog.HandlerFailed(logger, method.FullName, ex);
            status = s_handlerFailed;
        }

        GrpcDiagnostics.SetStatus(activity, status.StatusCode, isServer: true);
        httpContext.RequestServices.GetService<GrpcMetrics>()?.RecordServerCall(method.ServiceName, method.Name, status.StatusCode, startTimestamp);
        var handlerStillRunning = handlerTask is { IsCompleted: false };
        if (status.StatusCode != StatusCode.OK)
        {
            // A handler that is still running may still be adding trailers, so those are not sent.
            GrpcServerResponse.WriteTrailersOnly(response, status, handlerStillRunning ? null : context.ResponseTrailersIfCreated);
        }

        if (handlerStillRunning)
        {
            // The deadline answered the caller; the handler still owns the HttpContext until it returns.
            if (!context.ClientAborted)
            {
                await response.CompleteAsync().ConfigureAwait(false);
            }

            await AwaitAbandonedHandlerAsync(handlerTask!).ConfigureAwait(false);
        }
    }

    private async ValueTask<TRequest> ReadRequestAsync(HttpContext httpContext, HttpServerCallContext context)
    {
        var headers = httpContext.Request.Headers;
        var encoding = headers[GrpcProtocol.EncodingHeader].ToString();
        if (encoding.Length > 0 && !encoding.Equals(GrpcProtocol.IdentityEncoding, StringComparison.OrdinalIgnoreCase))
        {
            httpContext.Response.Headers[GrpcProtocol.AcceptEncodingHeader] = GrpcProtocol.IdentityEncoding;
            throw new RpcException(new Status(StatusCode.Unimplemented, $"Unsupported grpc-encoding value '{encoding}'. Supported encodings: identity"));
        }

        var timeoutHeader = headers[GrpcProtocol.TimeoutHeader].ToString();
        if (timeoutHeader.Length > 0)
        {
            if (GrpcTimeout.TryParse(timeoutHeader, out var timeout))
            {
                context.StartDeadline(timeout, DateTime.UtcNow);
            }
            else
            {
                GrpcServerLog.InvalidTimeout(logger, timeoutHeader);
            }
        }

        return await MessageFraming.ReadSingleMessageAsync(
            httpContext.Request.BodyReader, MessageParserCache<TRequest>.Parser, options.MaxReceiveMessageSize, context.CancellationToken)
            .ConfigureAwait(false)
            ?? throw new RpcException(new Status(StatusCode.Internal, "Request did not contain a message."));
    }

    private Status WriteReply(HttpResponse response, HttpServerCallContext context, TResponse reply)
    {
        if (context.Status.StatusCode != StatusCode.OK)
        {
            return context.Status;
        }

        ArgumentNullException.ThrowIfNull(reply);
        var size = reply.CalculateSize();
        if (size > options.MaxSendMessageSize)
        {
            return new Status(
                StatusCode.ResourceExhausted,
                $"Sending message exceeds the maximum configured message size ({size} > {options.MaxSendMessageSize}).");
        }

        GrpcServerResponse.WriteMessageAndTrailers(response, reply, size, context.ResponseTrailersIfCreated);
        return Status.DefaultSuccess;
    }

    private async Task AwaitAbandonedHandlerAsync(Task<TResponse> handlerTask)
    {
        var code = StatusCode.OK;
        try
        {
            await handlerTask.ConfigureAwait(false);
        }
        catch (RpcException ex)
        {
            code = ex.StatusCode;
        }
        catch (OperationCanceledException)
        {
            code = StatusCode.Cancelled;
        }
        catch (Exception ex)
        {
            GrpcServerLog.HandlerFailed(logger, method.FullName, ex);
            code = StatusCode.Unknown;
        }

        GrpcServerLog.HandlerFinishedLate(logger, method.FullName, code);
    }

    private static void CopyTrailers(Metadata trailers, HttpServerCallContext context)
    {
        if (trailers.Count == 0)
        {
            return;
        }

        var target = context.ResponseTrailers;
        foreach (var entry in trailers)
        {
            target.Add(entry);
        }
    }
}
