using System.Buffers;
using System.Net;
using Google.Protobuf;

namespace Decisioning.Grpc;

// The framed request message, serialized straight into a pooled buffer when HttpClient asks for the body.
internal sealed class UnaryRequestContent : HttpContent
{
    private readonly IMessage _message;
    private readonly int _size;

    public UnaryRequestContent(IMessage message, int size)
    {
        _message = message;
        _size = size;
        Headers.TryAddWithoutValidation("Content-Type", GrpcProtocol.ContentType);
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        var length = MessageFraming.HeaderSize + _size;
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            MessageFraming.WriteMessage(buffer.AsSpan(0, length), _message, _size);
            await stream.WriteAsync(buffer.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = MessageFraming.HeaderSize + _size;
        return true;
    }
}
