using System.Net.Sockets;
using Microsoft.AspNetCore.Http;

namespace Decisioning.Grpc;

internal sealed class HttpServerCallContext : ServerCallContext, IDisposable
{
    // CancellationTokenSource.CancelAfter accepts at most uint.MaxValue - 1 milliseconds.
    private static readonly TimeSpan s_maxTimerDelay = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    private readonly HttpContext _httpContext;
    private readonly string _method;
    private readonly CancellationToken _requestAborted;
    private CancellationTokenSource? _deadlineCts;
    private DateTime _deadline = DateTime.MaxValue;
    private Metadata? _requestHeaders;
    private Metadata? _responseTrailers;
    private string? _peer;
    private Status _status = Status.DefaultSuccess;

    public HttpServerCallContext(HttpContext httpContext, string method)
    {
        _httpContext = httpContext;
        _method = method;
        _requestAborted = httpContext.RequestAborted;
    }

    public bool HasDeadline => _deadline != DateTime.MaxValue;

    public bool DeadlineExpired => _deadlineCts is { IsCancellationRequested: true } && !_requestAborted.IsCancellationRequested;

    public bool ClientAborted => _requestAborted.IsCancellationRequested;

    public Metadata? ResponseTrailersIfCreated => _responseTrailers;

    protected override string MethodCore => _method;

    protected override string HostCore => _httpContext.Request.Host.Value ?? "";

    protected override string PeerCore => _peer ??= FormatPeer(_httpContext.Connection);

    protected override DateTime DeadlineCore => _deadline;

    protected override Metadata RequestHeadersCore => _requestHeaders ??= ReadRequestHeaders(_httpContext.Request.Headers);

    protected override CancellationToken CancellationTokenCore => _deadlineCts?.Token ?? _requestAborted;

    protected override Metadata ResponseTrailersCore => _responseTrailers ??= new Metadata();

    protected override Status StatusCore
    {
        get => _status;
        set => _status = value;
    }

    public void StartDeadline(TimeSpan timeout, DateTime utcNow)
    {
        _deadline = timeout < DateTime.MaxValue - utcNow ? utcNow + timeout : DateTime.MaxValue;
        if (timeout < s_maxTimerDelay)
        {
            _deadlineCts = CancellationTokenSource.CreateLinkedTokenSource(_requestAborted);
            _deadlineCts.CancelAfter(timeout);
        }
    }

    public void Dispose() => _deadlineCts?.Dispose();

    private static Metadata ReadRequestHeaders(IHeaderDictionary headers)
    {
        var metadata = new Metadata();
        foreach (var header in headers)
        {
            if (!GrpcProtocol.IsReservedHeader(header.Key))
            {
                GrpcProtocol.AddReceivedValues(metadata, header.Key, header.Value);
            }
        }

        return metadata;
    }

    private static string FormatPeer(ConnectionInfo connection)
    {
        var address = connection.RemoteIpAddress;
        if (address is null)
        {
            return "unknown";
        }

        return address.AddressFamily == AddressFamily.InterNetworkV6
            ? $"ipv6:[{address}]:{connection.RemotePort}"
            : $"ipv4:{address}:{connection.RemotePort}";
    }
}
