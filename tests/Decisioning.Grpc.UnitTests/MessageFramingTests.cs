using System.Buffers;
using System.IO.Pipelines;
using Decisioning.Grpc.Health.V1;
using Google.Protobuf;

namespace Decisioning.Grpc.UnitTests;

public sealed class MessageFramingTests
{
    private static readonly HealthCheckRequest s_message = new() { Service = "decisioning.scoring.v1.CreditScoring" };

    [Fact]
    public void Written_frame_has_flag_big_endian_length_and_message()
    {
        var frame = Frame(s_message);

        var size = s_message.CalculateSize();
        Assert.Equal(5 + size, frame.Length);
        Assert.Equal(0, frame[0]);
        Assert.Equal(new byte[] { 0, 0, 0, (byte)size }, frame[1..5]);
        Assert.Equal(s_message.ToByteArray(), frame[5..]);
    }

    [Fact]
    public void Frame_round_trips()
    {
        var buffer = new ReadOnlySequence<byte>(Frame(s_message));

        Assert.True(MessageFraming.TryReadMessage(ref buffer, maxMessageSize: null, out var payload));

        Assert.Equal(s_message, HealthCheckRequest.Parser.ParseFrom(payload));
        Assert.True(buffer.IsEmpty);
    }

    [Fact]
    public void Length_above_two_gigabytes_is_read_as_unsigned()
    {
        var buffer = new ReadOnlySequence<byte>([0, 0x80, 0, 0, 0]);

        var ex = Assert.Throws<RpcException>(() => MessageFraming.TryReadMessage(ref buffer, int.MaxValue, out _));

        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
    }

    [Fact]
    public void Empty_message_round_trips()
    {
        var empty = new HealthCheckRequest();
        var buffer = new ReadOnlySequence<byte>(Frame(empty));

        Assert.True(MessageFraming.TryReadMessage(ref buffer, 0, out var payload));

        Assert.Equal(0, payload.Length);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(6)]
    public void Partial_frame_is_not_a_message_yet(int available)
    {
        var frame = Frame(s_message);
        var buffer = new ReadOnlySequence<byte>(frame.AsMemory(0, available));

        Assert.False(MessageFraming.TryReadMessage(ref buffer, null, out _));
        Assert.Equal(available, buffer.Length);
    }

    [Fact]
    public void Frame_split_over_many_segments_is_read()
    {
        var buffer = SingleByteSegments(Frame(s_message));

        Assert.True(MessageFraming.TryReadMessage(ref buffer, null, out var payload));

        Assert.Equal(s_message, HealthCheckRequest.Parser.ParseFrom(payload));
    }

    [Fact]
    public async Task Message_arriving_one_byte_at_a_time_is_read()
    {
        var pipe = new Pipe();
        var reading = MessageFraming.ReadSingleMessageAsync(pipe.Reader, HealthCheckRequest.Parser, null, CancellationToken.None).AsTask();

        foreach (var b in Frame(s_message))
        {
            await pipe.Writer.WriteAsync(new[] { b });
            Assert.False(reading.IsCompleted);
        }

        await pipe.Writer.CompleteAsync();
        Assert.Equal(s_message, await reading.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void Oversize_message_is_refused_from_its_header_alone()
    {
        var frame = Frame(new HealthCheckRequest { Service = new string('x', 100) });
        var buffer = new ReadOnlySequence<byte>(frame.AsMemory(0, 5));

        var ex = Assert.Throws<RpcException>(() => MessageFraming.TryReadMessage(ref buffer, 99, out _));

        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
    }

    [Fact]
    public void Message_of_exactly_the_limit_is_accepted()
    {
        var message = new HealthCheckRequest { Service = new string('x', 100) };
        var buffer = new ReadOnlySequence<byte>(Frame(message));

        Assert.True(MessageFraming.TryReadMessage(ref buffer, message.CalculateSize(), out _));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Compressed_flag_without_negotiated_encoding_is_Internal(byte flag)
    {
        var frame = Frame(s_message);
        frame[0] = flag;
        var buffer = new ReadOnlySequence<byte>(frame);

        var ex = Assert.Throws<RpcException>(() => MessageFraming.TryReadMessage(ref buffer, null, out _));

        Assert.Equal(StatusCode.Internal, ex.StatusCode);
    }

    [Fact]
    public async Task Second_message_in_a_unary_body_is_Internal()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => ReadAllAsync([.. Frame(s_message), .. Frame(s_message)]));

        Assert.Equal(StatusCode.Internal, ex.StatusCode);
    }

    [Fact]
    public async Task Truncated_body_is_Internal()
    {
        var frame = Frame(s_message);

        var ex = await Assert.ThrowsAsync<RpcException>(() => ReadAllAsync(frame[..^1]));

        Assert.Equal(StatusCode.Internal, ex.StatusCode);
    }

    [Fact]
    public async Task Undecodable_message_is_Internal()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => ReadAllAsync([0, 0, 0, 0, 2, 0x0A, 0x05]));

        Assert.Equal(StatusCode.Internal, ex.StatusCode);
    }

    [Fact]
    public async Task Empty_body_has_no_message()
    {
        Assert.Null(await ReadAllAsync([]));
    }

    private static async Task<HealthCheckRequest?> ReadAllAsync(byte[] body)
    {
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync(body);
        await pipe.Writer.CompleteAsync();
        return await MessageFraming.ReadSingleMessageAsync(pipe.Reader, HealthCheckRequest.Parser, null, CancellationToken.None);
    }

    private static byte[] Frame(IMessage message)
    {
        var writer = new ArrayBufferWriter<byte>();
        MessageFraming.WriteMessage(writer, message, message.CalculateSize());
        return writer.WrittenSpan.ToArray();
    }

    private static ReadOnlySequence<byte> SingleByteSegments(byte[] bytes)
    {
        var first = new ByteSegment(bytes.AsMemory(0, 1), 0);
        var last = first;
        for (var i = 1; i < bytes.Length; i++)
        {
            last = last.Append(bytes.AsMemory(i, 1));
        }

        return new ReadOnlySequence<byte>(first, 0, last, 1);
    }

    private sealed class ByteSegment : ReadOnlySequenceSegment<byte>
    {
        public ByteSegment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public ByteSegment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new ByteSegment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
