using Grpc.Core;

namespace Decisioning.Contracts.Inference;

/// <summary>
/// The Open Inference Protocol (<c>inference.GRPCInferenceService</c>) over a set of served models, looked up by
/// name and version; a model addressed without a version gets the first version registered under its name.
/// Host it with <c>MapGrpcService&lt;InferenceServer&gt;()</c> after registering one instance as a singleton.
/// </summary>
public sealed class InferenceServer : GRPCInferenceService.GRPCInferenceServiceBase
{
    private readonly Dictionary<string, List<IInferenceModel>> _versionsByName = new(StringComparer.Ordinal);

    /// <summary>Serves <paramref name="models"/> as <paramref name="name"/> <paramref name="version"/>.</summary>
    /// <exception cref="ArgumentException">Two models share a name and version.</exception>
    public InferenceServer(string name, string version, IEnumerable<IInferenceModel> models)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(version);
        ArgumentNullException.ThrowIfNull(models);
        Name = name;
        Version = version;
        foreach (var model in models)
        {
            if (!_versionsByName.TryGetValue(model.Name, out var versions))
            {
                _versionsByName[model.Name] = versions = [];
            }

            if (versions.Any(v => v.Version == model.Version))
            {
                throw new ArgumentException($"Model '{model.Name}' version '{model.Version}' is registered twice.", nameof(models));
            }

            versions.Add(model);
        }
    }

    /// <summary>The server name in <c>ServerMetadata</c>.</summary>
    public string Name { get; }

    /// <summary>The server version in <c>ServerMetadata</c>.</summary>
    public string Version { get; }

    /// <summary>The model <paramref name="name"/> at <paramref name="version"/> (empty: the default version).</summary>
    /// <exception cref="RpcException">NOT_FOUND naming the unknown model or version.</exception>
    public IInferenceModel Find(string name, string version)
    {
        if (!_versionsByName.TryGetValue(name, out var versions))
        {
            throw new RpcException(new Status(
                StatusCode.NotFound,
                $"model '{name}' is not served here; models are {string.Join(", ", _versionsByName.Keys.Order(StringComparer.Ordinal))}."));
        }

        if (string.IsNullOrEmpty(version))
        {
            return versions[0];
        }

        return versions.FirstOrDefault(v => v.Version == version)
            ?? throw new RpcException(new Status(
                StatusCode.NotFound,
                $"model '{name}' has no version '{version}'; versions are {string.Join(", ", versions.Select(v => v.Version))}."));
    }

    /// <summary>Always live: a process that answers is live.</summary>
    public override Task<ServerLiveResponse> ServerLive(ServerLiveRequest request, ServerCallContext context) =>
        Task.FromResult(new ServerLiveResponse { Live = true });

    /// <summary>Ready once constructed: every model was loaded before it was registered.</summary>
    public override Task<ServerReadyResponse> ServerReady(ServerReadyRequest request, ServerCallContext context) =>
        Task.FromResult(new ServerReadyResponse { Ready = _versionsByName.Count > 0 });

    /// <summary>Ready for a served model; NOT_FOUND for an unknown model or version.</summary>
    public override Task<ModelReadyResponse> ModelReady(ModelReadyRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        Find(request.Name, request.Version);
        return Task.FromResult(new ModelReadyResponse { Ready = true });
    }

    /// <summary>The server's name and version; it implements none of the protocol's optional extensions.</summary>
    public override Task<ServerMetadataResponse> ServerMetadata(ServerMetadataRequest request, ServerCallContext context) =>
        Task.FromResult(new ServerMetadataResponse { Name = Name, Version = Version });

    /// <summary>The model's versions, platform and tensors; NOT_FOUND for an unknown model or version.</summary>
    public override Task<ModelMetadataResponse> ModelMetadata(ModelMetadataRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var model = Find(request.Name, request.Version);
        var response = new ModelMetadataResponse { Name = model.Name, Platform = model.Platform };
        response.Versions.AddRange(_versionsByName[model.Name].Select(v => v.Version));
        response.Inputs.AddRange(model.Inputs.Select(Metadata));
        response.Outputs.AddRange(model.Outputs.Select(Metadata));
        return Task.FromResult(response);
    }

    /// <summary>Runs the addressed model on the request's batch.</summary>
    /// <exception cref="RpcException">NOT_FOUND for an unknown model or version; INVALID_ARGUMENT for bad inputs.</exception>
    public override Task<ModelInferResponse> ModelInfer(ModelInferRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Task.FromResult(Find(request.ModelName, request.ModelVersion).Infer(request));
    }

    private static ModelMetadataResponse.Types.TensorMetadata Metadata(InferenceTensorSpec spec)
    {
        var tensor = new ModelMetadataResponse.Types.TensorMetadata { Name = spec.Name, Datatype = spec.Datatype };
        tensor.Shape.AddRange(spec.Shape);
        return tensor;
    }
}
