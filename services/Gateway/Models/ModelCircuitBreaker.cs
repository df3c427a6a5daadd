using Grpc.Core;
using Grpc.Core.Interceptors;
using Polly;
using Polly.CircuitBreaker;

namespace Gateway.Models;

// Stops calling a model service that keeps failing or timing out: while its circuit is open, every call fails at
// once as Unavailable, so a decision refers at once instead of waiting out the deadline. No retries: a call is
// made at most once, within the caller's deadline.
public sealed class ModelCircuitBreaker : Interceptor
{
    private readonly string _service;
    private readonly ResiliencePipeline _pipeline;

    public ModelCircuitBreaker(string service, ModelCircuitBreakerOptions options, ILogger<ModelCircuitBreaker> logger)
    {
        _service = service;
        _pipeline = new ResiliencePipelineBuilder().AddCircuitBreaker(new CircuitBreakerStrategyOptions
        {
            FailureRatio = options.FailureRatio,
            MinimumThroughput = options.MinimumThroughput,
            SamplingDuration = TimeSpan.FromSeconds(options.SamplingSeconds),
            BreakDuration = TimeSpan.FromSeconds(options.BreakSeconds),
            ShouldHandle = new PredicateBuilder().Handle<RpcException>(IsOutage),
            OnOpened = args =>
            {
                logger.LogWarning("{Service} keeps failing ({Failure}); calls to it are suspended for {Seconds} s.",
                    service, args.Outcome.Exception is RpcException rpc ? rpc.StatusCode : "unknown", args.BreakDuration.TotalSeconds);
                return default;
            },
            OnClosed = _ =>
            {
                logger.LogInformation("{Service} answers again; calls to it resume.", service);
                return default;
            },
        }).Build();
    }

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation)
    {
        AsyncUnaryCall<TResponse>? call = null;
        var response = CallAsync();
        return new AsyncUnaryCall<TResponse>(
            response,
            call?.ResponseHeadersAsync ?? Task.FromResult(new Metadata()),
            () => call?.GetStatus() ?? new Status(StatusCode.Unavailable, Suspended),
            () => call?.GetTrailers() ?? [],
            () => call?.Dispose());

        async Task<TResponse> CallAsync()
        {
            try
            {
                return await _pipeline.ExecuteAsync(
                    async _ =>
                    {
                        call = continuation(request, context);
                        return await call.ResponseAsync;
                    },
                    context.Options.CancellationToken);
            }
            catch (BrokenCircuitException)
            {
                throw new RpcException(new Status(StatusCode.Unavailable, Suspended));
            }
        }
    }

    private string Suspended => $"{_service} is suspended after repeated failures.";

    // What says the service is down or hanging; a refused request (InvalidArgument, NotFound) says it works.
    private static bool IsOutage(RpcException ex) =>
        ex.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Internal or StatusCode.Unknown
            or StatusCode.ResourceExhausted or StatusCode.DataLoss;
}
