namespace Decisioning.Grpc;

/// <summary>Options of a <see cref="GrpcChannel"/>.</summary>
public sealed class GrpcChannelOptions
{
    /// <summary>
    /// The handler that sends the HTTP/2 requests; null for a pooled <see cref="SocketsHttpHandler"/> owned by the channel.
    /// A handler given here is not disposed by the channel.
    /// </summary>
    public HttpMessageHandler? HttpHandler { get; set; }

    /// <summary>The largest response message accepted, in bytes (default 4 MB); null for no limit.</summary>
    public int? MaxReceiveMessageSize { get; set; } = 4 * 1024 * 1024;

    /// <summary>The largest request message sent, in bytes; null (default) for no limit.</summary>
    public int? MaxSendMessageSize { get; set; }

    /// <summary>Where calls are counted and timed; null (default) for no metrics.</summary>
    public GrpcMetrics? Metrics { get; set; }
}
