namespace Decisioning.Contracts.Inference;

/// <summary>An input or output tensor a model declares in its metadata; -1 in <paramref name="Shape"/> is the batch dimension.</summary>
/// <param name="Name">The tensor name, e.g. <c>amount</c>.</param>
/// <param name="Datatype">One of <see cref="InferenceDatatype"/>.</param>
/// <param name="Shape">The declared shape, e.g. <c>[-1, 1]</c>.</param>
public sealed record InferenceTensorSpec(string Name, string Datatype, IReadOnlyList<long> Shape);
