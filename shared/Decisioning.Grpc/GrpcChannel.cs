using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;

namespace Decisioning.Grpc;

/// <summary>
/// A client connection to one gRPC server: one pooled HTTP/2 handler shared by all calls (h2c prior knowledge
/// for <c>http://</c>). Create one per server and reuse it; it is thread-safe.
/// </summary>
public sealed class GrpcChannel : IDisposable
{
    // CancellationTokenSource.CancelAfter accepts at most uint.MaxValue - 1 milliseconds.
    private static readonly TimeSpan s_maxTimerDelay = TimeSpan.FromMilliseconds(uint.MaxValue - 1);
    private static readonly StreamPipeReaderOptions s_readerOptions = new(leaveOpen: true);

    private readonly HttpMessageInvoker _invoker;
    private readonly int? _maxReceiveMessageSize;
    private readonly int? _maxSendMessageSize;
    private readonly GrpcMetrics? _metrics;
    private readonly ConcurrentDictionary<string, Uri> _methodUris = new(StringComparer.Ordinal);
    private bool _disposed;

    private GrpcChannel(Uri address, GrpcChannelOptions options)
    {
        Address = address;
        var ownsHandler = options.HttpHandler is null;
        _invoker = new HttpMessageInvoker(options.HttpHandler ?? CreateDefaultHandler(), disposeHandler: ownsHandler);
        _maxReceiveMessageSize = options.MaxReceiveMessageSize;
        _maxSendMessageSize = options.MaxSendMessageSize;
        _metrics = options.Metrics;
    }

    /// <summary>The server address, e.g. <c>http://127.0.0.1:5101</c>.</summary>
    public Uri Address { get; }

    /// <summary>Creates a channel to <paramref name="address"/> (<c>http</c> or <c>https</c>).</summary>
    public static GrpcChannel ForAddress(Uri address, GrpcChannelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (!address.IsAbsoluteUri || (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"Address '{address}' must be an absolute http:// or https:// URI.", nameof(address));
        }

        return new GrpcChannel(address, options ?? new GrpcChannelOptions());
    }

    /// <summary>Creates a channel to <paramref name="address"/>, e.g. <c>http://127.0.0.1:5101</c>.</summary>
    public static GrpcChannel ForAddress(string address, GrpcChannelOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(address);
        return ForAddress(new Uri(address), options);
    }

    /// <summary>Calls a unary method.</summary>
    /// <exception cref="RpcException">The call ended with a non-OK status, locally or on the server.</exception>
    public async Task<TResponse> UnaryCallAsync<TRequest, TResponse>(
        Method<TRequest, TResponse> method, TRequest request, CallOptions options = default)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(request);
        ObjectDisposedException.ThrowIf(_disposed, this);

        var startTimestamp = System.Diagnostics.Stopwatch.GetTimestamp();
        using var activity = GrpcDiagnostics.StartClientActivity(method.ActivityName, method.ServiceName, method.Name);
        CancellationTokenSource? deadlineCts = null;
        var status = StatusCode.OK;
        try
        {
            var cancellationToken = options.CancellationToken;
            cancellationToken.ThrowIfCancellationRequested();
            TimeSpan? timeout = null;
            if (options.Deadline is { } deadline && deadline != DateTime.MaxValue)
            {
                var remaining = deadline.ToUniversalTime() - DateTime.UtcNow;
                if (remaining <= TimeSpan.Zero)
                {
                    throw new RpcException(new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded"));
                }

                timeout = remaining;
                if (remaining < s_maxTimerDelay)
                {
                    deadlineCts = cancellationToken.CanBeCanceled
                        ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken)
                        : new CancellationTokenSource();
                    deadlineCts.CancelAfter(remaining);
                    cancellationToken = deadlineCts.Token;
                }
            }

            using var httpRequest = CreateRequest(method, request, options.Headers, timeout);
            using var httpResponse = await _invoker.SendAsync(httpRequest, cancellationToken).ConfigureAwait(false);
            return await ReadResponseAsync<TResponse>(httpResponse, cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException ex)
        {
            // A server that noticed the deadline first may answer CANCELLED; the caller asked for a deadline.
            if (ex.StatusCode == StatusCode.Cancelled && DeadlinePassed(deadlineCts, options))
            {
                status = StatusCode.DeadlineExceeded;
                throw new RpcException(new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded"), ex.Trailers, ex);
            }

            status = ex.StatusCode;
            throw;
        }
        catch (Exception ex)
        {
            var mapped = MapException(ex, options, deadlineCts);
            status = mapped.StatusCode;
            throw new RpcException(mapped, trailers: null, ex);
        }
        finally
        {
            deadlineCts?.Dispose();
            GrpcDiagnostics.SetStatus(activity, status, isServer: false);
            _metrics?.RecordClientCall(method.ServiceName, method.Name, status, startTimestamp);
        }
    }

    /// <summary>Closes the pooled connections (when the channel owns its handler).</summary>
    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            _invoker.Dispose();
        }
    }

    private HttpRequestMessage CreateRequest<TRequest, TResponse>(
        Method<TRequest, TResponse> method, TRequest request, Metadata? metadata, TimeSpan? timeout)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        var size = request.CalculateSize();
        if (size > _maxSendMessageSize)
        {
            throw new RpcException(new Status(
                StatusCode.ResourceExhausted,
                $"Sending message exceeds the maximum configured message size ({size} > {_maxSendMessageSize})."));
        }

        var uri = _methodUris.GetOrAdd(method.FullName, static (path, address) => new Uri(address, path), Address);
        var message = new HttpRequestMessage(HttpMethod.Post, uri)
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new UnaryRequestContent(request, size),
        };

        var headers = message.Headers;
        if (timeout is { } value)
        {
            headers.TryAddWithoutValidation(GrpcProtocol.TimeoutHeader, GrpcTimeout.Format(value));
        }

        headers.TryAddWithoutValidation(GrpcProtocol.TEHeader, GrpcProtocol.TEValue);
        var hasUserAgent = false;
        if (metadata is { Count: > 0 })
        {
            foreach (var entry in metadata)
            {
                if (GrpcProtocol.IsReservedHeader(entry.Key))
                {
                    continue;
                }

                hasUserAgent |= entry.Key == GrpcProtocol.UserAgentHeader;
                headers.TryAddWithoutValidation(entry.Key, entry.IsBinary ? GrpcProtocol.EncodeBinaryValue(entry.ValueBytes) : entry.Value);
            }
        }

        if (!hasUserAgent)
        {
            headers.TryAddWithoutValidation(GrpcProtocol.UserAgentHeader, GrpcProtocol.UserAgent);
        }

        return message;
    }

    private async Task<TResponse> ReadResponseAsync<TResponse>(HttpResponseMessage response, CancellationToken cancellationToken)
        where TResponse : class, IMessage<TResponse>, new()
    {
        if (response.StatusCode != HttpStatusCode.OK)
        {
            var httpStatus = (int)response.StatusCode;
            throw new RpcException(new Status(
                GrpcStatusMapping.FromHttpStatus(httpStatus), $"Bad gRPC response. HTTP status code: {httpStatus}"));
        }

        var contentType = GetHeader(response.Content.Headers, "Content-Type");
        if (!GrpcProtocol.IsGrpcContentType(contentType))
        {
            throw new RpcException(new Status(StatusCode.Unknown, $"Bad gRPC response. Invalid content-type value: {contentType}"));
        }

        // Trailers-Only: the status arrived with the headers and there is no body.
        if (TryReadStatus(response.Headers, out var headerStatus))
        {
            throw headerStatus.StatusCode == StatusCode.OK
                ? new RpcException(new Status(StatusCode.Internal, "Failed to deserialize response message: the response has no message."))
                : new RpcException(headerStatus, ReadTrailers(response.Headers));
        }

        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var reader = PipeReader.Create(stream, s_readerOptions);
        TResponse? message;
        try
        {
            message = await MessageFraming.ReadSingleMessageAsync(
                reader, MessageParserCache<TResponse>.Parser, _maxReceiveMessageSize, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await reader.CompleteAsync().ConfigureAwait(false);
        }

        var trailers = response.TrailingHeaders;
        if (!TryReadStatus(trailers, out var status))
        {
            throw new RpcException(new Status(StatusCode.Unknown, "Bad gRPC response. No grpc-status found on response."));
        }

        if (status.StatusCode != StatusCode.OK)
        {
            throw new RpcException(status, ReadTrailers(trailers));
        }

        return message ?? throw new RpcException(new Status(StatusCode.Internal, "Failed to deserialize response message: the response has no message."));
    }

    private static bool TryReadStatus(HttpHeaders headers, out Status status)
    {
        var code = GetHeader(headers, GrpcProtocol.StatusTrailer);
        if (code is null)
        {
            status = default;
            return false;
        }

        if (!GrpcProtocol.TryParseStatus(code, out var statusCode))
        {
            status = new Status(StatusCode.Unknown, $"Bad gRPC response. Invalid grpc-status value: {code}");
            return true;
        }

        var detail = GetHeader(headers, GrpcProtocol.MessageTrailer);
        status = new Status(statusCode, detail is null ? "" : PercentEncoding.Decode(detail));
        return true;
    }

    private static string? GetHeader(HttpHeaders headers, string name) =>
        headers.NonValidated.TryGetValues(name, out var values) ? values.ToString() : null;

    private static Metadata ReadTrailers(HttpHeaders headers)
    {
        var metadata = new Metadata();
        foreach (var header in headers.NonValidated)
        {
            if (GrpcProtocol.IsReservedHeader(header.Key))
            {
                continue;
            }

            var key = header.Key.ToLowerInvariant();
            foreach (var value in header.Value)
            {
                GrpcProtocol.AddReceivedValue(metadata, key, value);
            }
        }

        return metadata;
    }

    private static bool DeadlinePassed(CancellationTokenSource? deadlineCts, CallOptions options) =>
        (deadlineCts is { IsCancellationRequested: true } && !options.CancellationToken.IsCancellationRequested)
        || (options.Deadline is { } deadline && deadline.ToUniversalTime() <= DateTime.UtcNow);

    private static Status MapException(Exception exception, CallOptions options, CancellationTokenSource? deadlineCts)
    {
        if (options.CancellationToken.IsCancellationRequested)
        {
            return new Status(StatusCode.Cancelled, "Call canceled by the client.");
        }

        if (deadlineCts is { IsCancellationRequested: true })
        {
            return new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded");
        }

        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is HttpProtocolException protocolException)
            {
                return new Status(
                    GrpcStatusMapping.FromHttp2ErrorCode(protocolException.ErrorCode),
                    $"Stream reset by the server with HTTP/2 error code {protocolException.ErrorCode}.");
            }
        }

        return exception switch
        {
            HttpRequestException http => new Status(StatusCode.Unavailable, $"Error starting gRPC call. {http.HttpRequestError}: {http.Message}"),
            IOException io => new Status(StatusCode.Unavailable, $"Error reading the gRPC response: {io.Message}"),
            OperationCanceledException => new Status(StatusCode.Cancelled, "Call canceled."),
            _ => new Status(StatusCode.Internal, $"Error in the gRPC client: {exception.GetType().Name}: {exception.Message}"),
        };
    }

    private static SocketsHttpHandler CreateDefaultHandler() => new()
    {
        EnableMultipleHttp2Connections = true,
        PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
        KeepAlivePingDelay = TimeSpan.FromSeconds(60),
        KeepAlivePingTimeout = TimeSpan.FromSeconds(30),
        // h2c with prior knowledge cannot pass through an HTTP proxy taken from the environment.
        UseProxy = false,
        UseCookies = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
    };
}
