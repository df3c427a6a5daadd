using Decisioning.Grpc;
using Google.Protobuf;

namespace Decisioning.IntegrationTests.Grpc;

// The test service's handlers; records what the transport did to them so tests can assert on it.
public sealed class EchoHandlers
{
    public const string SecretInExceptionText = "Password=hunter2";

    private readonly TaskCompletionSource _slowCallStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _slowCallCancelled = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task SlowCallStarted => _slowCallStarted.Task;

    public Task SlowCallCancelled => _slowCallCancelled.Task;

    public Task<EchoReply> Echo(EchoRequest request, ServerCallContext context)
    {
        var remaining = context.Deadline == DateTime.MaxValue ? -1 : (long)(context.Deadline - DateTime.UtcNow).TotalMilliseconds;
        return Task.FromResult(new EchoReply { Message = request.Message, Payload = request.Payload, DeadlineRemainingMs = remaining });
    }

    public async Task<EchoReply> Slow(SlowRequest request, ServerCallContext context)
    {
        if (request.IgnoreCancellationForMs > 0)
        {
            await Task.Delay(request.IgnoreCancellationForMs, CancellationToken.None);
            return new EchoReply { Message = "finished late" };
        }

        _slowCallStarted.TrySetResult();
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(30), context.CancellationToken);
        }
        catch (OperationCanceledException)
        {
            _slowCallCancelled.TrySetResult();
            throw;
        }

        return new EchoReply { Message = "never cancelled" };
    }

    public Task<EchoReply> Fail(FailRequest request, ServerCallContext context)
    {
        if (request.ThrowUnexpected)
        {
            throw new InvalidOperationException("Cannot open Host=db;" + SecretInExceptionText);
        }

        var trailers = new Metadata
        {
            { "x-reason", "test" },
            { "x-detail-bin", new byte[] { 0, 1, 255 } },
        };
        throw new RpcException(new Status((StatusCode)request.Code, request.Detail), trailers);
    }

    public Task<HeaderReply> EchoHeader(HeaderRequest request, ServerCallContext context)
    {
        foreach (var entry in context.RequestHeaders)
        {
            if (entry.Key == request.Name)
            {
                return Task.FromResult(entry.IsBinary
                    ? new HeaderReply { Found = true, BinaryValue = ByteString.CopyFrom(entry.ValueBytes) }
                    : new HeaderReply { Found = true, Value = entry.Value });
            }
        }

        return Task.FromResult(new HeaderReply { Found = false });
    }
}
