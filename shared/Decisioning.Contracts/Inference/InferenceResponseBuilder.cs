using System.Buffers.Binary;
using System.Text;
using Grpc.Core;
using Google.Protobuf;

namespace Decisioning.Contracts.Inference;

/// <summary>
/// Builds a <see cref="ModelInferResponse"/> holding the outputs the request asked for (all when it named none),
/// as typed contents or, when <c>raw</c>, as <c>raw_output_contents</c> in the same encoding as raw inputs.
/// </summary>
public sealed class InferenceResponseBuilder
{
    private readonly HashSet<string>? _requested;
    private readonly bool _raw;
    private readonly ModelInferResponse _response;

    /// <summary>Starts the response of <paramref name="model"/> to <paramref name="request"/>.</summary>
    /// <exception cref="RpcException">INVALID_ARGUMENT when the request asks for an output the model does not have.</exception>
    public InferenceResponseBuilder(IInferenceModel model, ModelInferRequest request, bool raw)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(request);
        if (request.Outputs.Count > 0)
        {
            _requested = new HashSet<string>(StringComparer.Ordinal);
            foreach (var output in request.Outputs)
            {
                if (model.Outputs.All(o => o.Name != output.Name))
                {
                    throw new RpcException(new Status(
                        StatusCode.InvalidArgument,
                        $"output '{output.Name}' is not an output of this model; outputs are {string.Join(", ", model.Outputs.Select(o => o.Name))}."));
                }

                _requested.Add(output.Name);
            }
        }

        _raw = raw;
        _response = new ModelInferResponse { ModelName = model.Name, ModelVersion = model.Version, Id = request.Id };
    }

    /// <summary>Whether the output goes into the response (so the model can skip computing it).</summary>
    public bool IsRequested(string name) => _requested is null || _requested.Contains(name);

    /// <summary>Adds an FP64 output.</summary>
    public InferenceResponseBuilder AddFp64(string name, ReadOnlySpan<long> shape, ReadOnlySpan<double> values)
    {
        if (!Begin(name, InferenceDatatype.Fp64, shape, values.Length, out var tensor))
        {
            return this;
        }

        if (_raw)
        {
            var bytes = new byte[values.Length * sizeof(double)];
            for (var i = 0; i < values.Length; i++)
            {
                BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(i * sizeof(double)), values[i]);
            }

            _response.RawOutputContents.Add(UnsafeByteOperations.UnsafeWrap(bytes));
        }
        else
        {
            tensor.Contents = new InferTensorContents();
            tensor.Contents.Fp64Contents.AddRange(values.ToArray());
        }

        return this;
    }

    /// <summary>Adds an INT32 output.</summary>
    public InferenceResponseBuilder AddInt32(string name, ReadOnlySpan<long> shape, ReadOnlySpan<int> values)
    {
        if (!Begin(name, InferenceDatatype.Int32, shape, values.Length, out var tensor))
        {
            return this;
        }

        if (_raw)
        {
            var bytes = new byte[values.Length * sizeof(int)];
            for (var i = 0; i < values.Length; i++)
            {
                BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(i * sizeof(int)), values[i]);
            }

            _response.RawOutputContents.Add(UnsafeByteOperations.UnsafeWrap(bytes));
        }
        else
        {
            tensor.Contents = new InferTensorContents();
            tensor.Contents.IntContents.AddRange(values.ToArray());
        }

        return this;
    }

    /// <summary>Adds a BOOL output.</summary>
    public InferenceResponseBuilder AddBool(string name, ReadOnlySpan<long> shape, ReadOnlySpan<bool> values)
    {
        if (!Begin(name, InferenceDatatype.Bool, shape, values.Length, out var tensor))
        {
            return this;
        }

        if (_raw)
        {
            var bytes = new byte[values.Length];
            for (var i = 0; i < values.Length; i++)
            {
                bytes[i] = values[i] ? (byte)1 : (byte)0;
            }

            _response.RawOutputContents.Add(UnsafeByteOperations.UnsafeWrap(bytes));
        }
        else
        {
            tensor.Contents = new InferTensorContents();
            tensor.Contents.BoolContents.AddRange(values.ToArray());
        }

        return this;
    }

    /// <summary>Adds a BYTES output of UTF-8 text.</summary>
    public InferenceResponseBuilder AddBytes(string name, ReadOnlySpan<long> shape, IReadOnlyList<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (!Begin(name, InferenceDatatype.Bytes, shape, values.Count, out var tensor))
        {
            return this;
        }

        if (_raw)
        {
            var length = values.Sum(v => 4 + Encoding.UTF8.GetByteCount(v));
            var bytes = new byte[length];
            var at = 0;
            foreach (var value in values)
            {
                var written = Encoding.UTF8.GetBytes(value, bytes.AsSpan(at + 4));
                BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(at), written);
                at += 4 + written;
            }

            _response.RawOutputContents.Add(UnsafeByteOperations.UnsafeWrap(bytes));
        }
        else
        {
            tensor.Contents = new InferTensorContents();
            foreach (var value in values)
            {
                tensor.Contents.BytesContents.Add(ByteString.CopyFromUtf8(value));
            }
        }

        return this;
    }

    /// <summary>The response with the outputs added so far.</summary>
    public ModelInferResponse Build() => _response;

    private bool Begin(string name, string datatype, ReadOnlySpan<long> shape, int count, out ModelInferResponse.Types.InferOutputTensor tensor)
    {
        tensor = null!;
        if (!IsRequested(name))
        {
            return false;
        }

        long elements = 1;
        foreach (var dimension in shape)
        {
            elements *= dimension;
        }

        if (elements != count)
        {
            throw new ArgumentException($"Output '{name}' has {count} values for shape [{string.Join(",", shape.ToArray())}].", nameof(shape));
        }

        tensor = new ModelInferResponse.Types.InferOutputTensor { Name = name, Datatype = datatype };
        tensor.Shape.AddRange(shape.ToArray());
        _response.Outputs.Add(tensor);
        return true;
    }
}
