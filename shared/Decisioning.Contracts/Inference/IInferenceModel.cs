namespace Decisioning.Contracts.Inference;

/// <summary>A model served over the Open Inference Protocol: its identity, tensors and inference on one batch.</summary>
public interface IInferenceModel
{
    /// <summary>The model name clients address, e.g. <c>german-scorecard</c>.</summary>
    string Name { get; }

    /// <summary>The model version clients may address, e.g. <c>1</c>.</summary>
    string Version { get; }

    /// <summary>What runs the model, e.g. <c>decisioning_scorecard</c>.</summary>
    string Platform { get; }

    /// <summary>The inputs, in the order metadata lists them.</summary>
    IReadOnlyList<InferenceTensorSpec> Inputs { get; }

    /// <summary>The outputs, in the order responses carry them.</summary>
    IReadOnlyList<InferenceTensorSpec> Outputs { get; }

    /// <summary>Runs the model on every row of the request.</summary>
    /// <exception cref="Grpc.Core.RpcException">INVALID_ARGUMENT naming the input or output at fault.</exception>
    ModelInferResponse Infer(ModelInferRequest request);
}
