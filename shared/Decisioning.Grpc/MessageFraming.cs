using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using Google.Protobuf;

namespace Decisioning.Grpc;

// Length-Prefixed-Message: 1 byte compressed flag, 4 byte big-endian length, then the message.
internal static class MessageFraming
{
    public const int HeaderSize = 5;

    public static void WriteMessage(IBufferWriter<byte> writer, IMessage message, int size)
    {
        var span = writer.GetSpan(HeaderSize + size);
        WriteMessage(span, message, size);
        writer.Advance(HeaderSize + size);
    }

    public static void WriteMessage(Span<byte> destination, IMessage message, int size)
    {
        destination[0] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(destination[1..], (uint)size);
        if (size > 0)
        {
            message.WriteTo(destination.Slice(HeaderSize, size));
        }
    }

    // False while the buffer holds less than one whole message; the header is checked as soon as it is complete.
    public static bool TryReadMessage(ref ReadOnlySequence<byte> buffer, int? maxMessageSize, out ReadOnlySequence<byte> message)
    {
        message = default;
        if (buffer.Length < HeaderSize)
        {
            return false;
        }

        Span<byte> header = stackalloc byte[HeaderSize];
        buffer.Slice(0, HeaderSize).CopyTo(header);
        var length = BinaryPrimitives.ReadUInt32BigEndian(header[1..]);
        switch (header[0])
        {
            case 0:
                break;
            case 1:
                // We never negotiate a grpc-encoding, and without one the flag must be 0.
                throw new RpcException(new Status(StatusCode.Internal, "Received a compressed message, but no compression was negotiated."));
            default:
                throw new RpcException(new Status(StatusCode.Internal, "Received a message with an invalid compressed flag."));
        }

        if (length > (uint)(maxMessageSize ?? int.MaxValue))
        {
            throw new RpcException(new Status(
                StatusCode.ResourceExhausted,
                $"Received message exceeds the maximum configured message size ({length} > {maxMessageSize})."));
        }

        if (buffer.Length < HeaderSize + length)
        {
            return false;
        }

        message = buffer.Slice(HeaderSize, length);
        buffer = buffer.Slice(HeaderSize + length);
        return true;
    }

    // A unary body carries exactly one message; null when the stream ended without any bytes.
    public static async ValueTask<T?> ReadSingleMessageAsync<T>(
        PipeReader reader, MessageParser<T> parser, int? maxMessageSize, CancellationToken cancellationToken)
        where T : class, IMessage<T>
    {
        T? message = null;
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            try
            {
                if (message is null && TryReadMessage(ref buffer, maxMessageSize, out var payload))
                {
                    message = Parse(parser, payload);
                }

                if (message is not null && !buffer.IsEmpty)
                {
                    throw new RpcException(new Status(StatusCode.Internal, "Additional data after the message received."));
                }

                if (result.IsCompleted)
                {
                    if (message is null && !buffer.IsEmpty)
                    {
                        throw new RpcException(new Status(StatusCode.Internal, "Incomplete message."));
                    }

                    return message;
                }
            }
            finally
            {
                reader.AdvanceTo(buffer.Start, buffer.End);
            }
        }
    }

    private static T Parse<T>(MessageParser<T> parser, ReadOnlySequence<byte> payload)
        where T : IMessage<T>
    {
        try
        {
            return parser.ParseFrom(payload);
        }
        catch (InvalidProtocolBufferException)
        {
            throw new RpcException(new Status(StatusCode.Internal, "Failed to deserialize message."));
        }
    }
}
