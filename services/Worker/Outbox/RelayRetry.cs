using Polly;
using Polly.Retry;

namespace Worker.Outbox;

// The relay's retry: after a failed attempt it waits, exponentially longer from RetryMinMilliseconds up to
// RetryMaxMilliseconds, with jitter so that several relays failing together do not retry in step, and tries again
// until the Worker stops. onFailure (the failure and the wait ahead) runs before each wait.
public static class RelayRetry
{
    public static ResiliencePipeline Create(OutboxOptions options, Func<Exception, TimeSpan, ValueTask> onFailure, TimeProvider clock) =>
        new ResiliencePipelineBuilder { TimeProvider = clock }
            .AddRetry(new RetryStrategyOptions
            {
                // Every failure but the Worker stopping.
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is { } ex && !(ex is OperationCanceledException && args.Context.CancellationToken.IsCancellationRequested)),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(options.RetryMinMilliseconds),
                MaxDelay = TimeSpan.FromMilliseconds(options.RetryMaxMilliseconds),
                OnRetry = args => onFailure(args.Outcome.Exception!, args.RetryDelay),
            })
            .Build();
}
