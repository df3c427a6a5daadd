using System.Buffers.Binary;
using System.Text;
using Google.Protobuf;

namespace Decisioning.Contracts.Inference;

/// <summary>Builds a <see cref="ModelInferRequest"/> of column inputs (shape <c>[N, 1]</c>), as typed contents or as <c>raw_input_contents</c>.</summary>
public sealed class InferenceRequestBuilder
{
    private readonly bool _raw;
    private readonly ModelInferRequest _request;

    /// <summary>Starts a request for <paramref name="modelName"/> (and <paramref name="modelVersion"/>, empty for the default).</summary>
    public InferenceRequestBuilder(string modelName, string modelVersion = "", bool raw = false)
    {
        _raw = raw;
        _request = new ModelInferRequest { ModelName = modelName, ModelVersion = modelVersion };
    }

    /// <summary>Adds an FP64 column.</summary>
    public InferenceRequestBuilder AddFp64(string name, params double[] values)
    {
        var tensor = Add(name, InferenceDatatype.Fp64, values.Length);
        if (_raw)
        {
            var bytes = new byte[values.Length * sizeof(double)];
            for (var i = 0; i < values.Length; i++)
            {
                BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(i * sizeof(double)), values[i]);
            }

            _request.RawInputContents.Add(ByteString.CopyFrom(bytes));
        }
        else
        {
            tensor.Contents = new InferTensorContents();
            tensor.Contents.Fp64Contents.AddRange(values);
        }

        return this;
    }

    /// <summary>Adds an INT32 column.</summary>
    public InferenceRequestBuilder AddInt32(string name, params int[] values)
    {
        var tensor = Add(name, InferenceDatatype.Int32, values.Length);
        if (_raw)
        {
            var bytes = new byte[values.Length * sizeof(int)];
            for (var i = 0; i < values.Length; i++)
            {
                BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(i * sizeof(int)), values[i]);
            }

            _request.RawInputContents.Add(ByteString.CopyFrom(bytes));
        }
        else
        {
            tensor.Contents = new InferTensorContents();
            tensor.Contents.IntContents.AddRange(values);
        }

        return this;
    }

    /// <summary>Adds a BYTES column of UTF-8 text.</summary>
    public InferenceRequestBuilder AddBytes(string name, params string[] values)
    {
        var tensor = Add(name, InferenceDatatype.Bytes, values.Length);
        if (_raw)
        {
            var bytes = new List<byte>();
            Span<byte> length = stackalloc byte[4];
            foreach (var value in values)
            {
                var encoded = Encoding.UTF8.GetBytes(value);
                BinaryPrimitives.WriteInt32LittleEndian(length, encoded.Length);
                bytes.AddRange(length);
                bytes.AddRange(encoded);
            }

            _request.RawInputContents.Add(ByteString.CopyFrom([.. bytes]));
        }
        else
        {
            tensor.Contents = new InferTensorContents();
            tensor.Contents.BytesContents.AddRange(values.Select(ByteString.CopyFromUtf8));
        }

        return this;
    }

    /// <summary>Asks for only these outputs (by default the model returns all of them).</summary>
    public InferenceRequestBuilder RequestOutputs(params string[] names)
    {
        _request.Outputs.AddRange(names.Select(n => new ModelInferRequest.Types.InferRequestedOutputTensor { Name = n }));
        return this;
    }

    /// <summary>The request with the inputs added so far.</summary>
    public ModelInferRequest Build() => _request;

    private ModelInferRequest.Types.InferInputTensor Add(string name, string datatype, int rows)
    {
        var tensor = new ModelInferRequest.Types.InferInputTensor { Name = name, Datatype = datatype };
        tensor.Shape.Add([rows, 1]);
        _request.Inputs.Add(tensor);
        return tensor;
    }
}
