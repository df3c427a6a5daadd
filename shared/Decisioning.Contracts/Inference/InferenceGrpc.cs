using Decisioning.Grpc;

namespace Decisioning.Contracts.Inference;

/// <summary>The methods of KServe's <c>inference.GRPCInferenceService</c> (Open Inference Protocol v2), as grpc-dotnet would generate them.</summary>
public static class InferenceGrpc
{
    /// <summary>The fully-qualified service name.</summary>
    public const string ServiceName = "inference.GRPCInferenceService";

    /// <summary>Whether the server can answer at all.</summary>
    public static readonly Method<ServerLiveRequest, ServerLiveResponse> ServerLive = new(ServiceName, "ServerLive");

    /// <summary>Whether every served model is ready for inference.</summary>
    public static readonly Method<ServerReadyRequest, ServerReadyResponse> ServerReady = new(ServiceName, "ServerReady");

    /// <summary>Whether one model (and version) is ready for inference.</summary>
    public static readonly Method<ModelReadyRequest, ModelReadyResponse> ModelReady = new(ServiceName, "ModelReady");

    /// <summary>The server's name, version and protocol extensions.</summary>
    public static readonly Method<ServerMetadataRequest, ServerMetadataResponse> ServerMetadata = new(ServiceName, "ServerMetadata");

    /// <summary>A model's versions, platform and tensors.</summary>
    public static readonly Method<ModelMetadataRequest, ModelMetadataResponse> ModelMetadata = new(ServiceName, "ModelMetadata");

    /// <summary>Runs a model on a batch of input tensors.</summary>
    public static readonly Method<ModelInferRequest, ModelInferResponse> ModelInfer = new(ServiceName, "ModelInfer");
}
