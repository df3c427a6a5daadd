namespace Decisioning.Grpc;

/// <summary>Server-side limits of the transport.</summary>
public sealed class GrpcServiceOptions
{
    /// <summary>The largest request message accepted, in bytes (default 4 MB); null for no limit.</summary>
    public int? MaxReceiveMessageSize { get; set; } = 4 * 1024 * 1024;

    /// <summary>The largest response message sent, in bytes; null (default) for no limit.</summary>
    public int? MaxSendMessageSize { get; set; }
}
