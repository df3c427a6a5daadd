using Decisioning.Grpc;

namespace Decisioning.Contracts.Inference;

/// <summary>Typed client of an Open Inference Protocol v2 server over a shared channel.</summary>
public sealed class InferenceClient(GrpcChannel channel)
{
    /// <summary>Asks whether the server is live.</summary>
    public Task<ServerLiveResponse> ServerLiveAsync(CallOptions options = default) =>
        channel.UnaryCallAsync(InferenceGrpc.ServerLive, new ServerLiveRequest(), options);

    /// <summary>Asks whether the server is ready.</summary>
    public Task<ServerReadyResponse> ServerReadyAsync(CallOptions options = default) =>
        channel.UnaryCallAsync(InferenceGrpc.ServerReady, new ServerReadyRequest(), options);

    /// <summary>Asks whether a model is ready; an unknown model or version is NOT_FOUND.</summary>
    public Task<ModelReadyResponse> ModelReadyAsync(ModelReadyRequest request, CallOptions options = default) =>
        channel.UnaryCallAsync(InferenceGrpc.ModelReady, request, options);

    /// <summary>Reads the server's metadata.</summary>
    public Task<ServerMetadataResponse> ServerMetadataAsync(CallOptions options = default) =>
        channel.UnaryCallAsync(InferenceGrpc.ServerMetadata, new ServerMetadataRequest(), options);

    /// <summary>Reads a model's metadata; an unknown model or version is NOT_FOUND.</summary>
    public Task<ModelMetadataResponse> ModelMetadataAsync(ModelMetadataRequest request, CallOptions options = default) =>
        channel.UnaryCallAsync(InferenceGrpc.ModelMetadata, request, options);

    /// <summary>Runs a model on a batch; bad inputs are INVALID_ARGUMENT naming the input.</summary>
    public Task<ModelInferResponse> ModelInferAsync(ModelInferRequest request, CallOptions options = default) =>
        channel.UnaryCallAsync(InferenceGrpc.ModelInfer, request, options);
}
