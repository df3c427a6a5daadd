using System.Buffers.Binary;
using System.Text;

namespace Decisioning.Contracts.Inference;

/// <summary>Reads the output tensors of a <see cref="ModelInferResponse"/>, from typed contents or <c>raw_output_contents</c>, flattened row-major.</summary>
public sealed class InferenceOutputs(ModelInferResponse response)
{
    /// <summary>The shape of an output.</summary>
    public IReadOnlyList<long> Shape(string name) => Output(name).Tensor.Shape;

    /// <summary>The elements of an FP64 output.</summary>
    public double[] Fp64(string name)
    {
        var (tensor, raw) = Output(name, InferenceDatatype.Fp64);
        if (raw is null)
        {
            return [.. tensor.Contents.Fp64Contents];
        }

        var values = new double[raw.Length / sizeof(double)];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = BinaryPrimitives.ReadDoubleLittleEndian(raw.AsSpan(i * sizeof(double)));
        }

        return values;
    }

    /// <summary>The elements of an INT32 output.</summary>
    public int[] Int32(string name)
    {
        var (tensor, raw) = Output(name, InferenceDatatype.Int32);
        if (raw is null)
        {
            return [.. tensor.Contents.IntContents];
        }

        var values = new int[raw.Length / sizeof(int)];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = BinaryPrimitives.ReadInt32LittleEndian(raw.AsSpan(i * sizeof(int)));
        }

        return values;
    }

    /// <summary>The elements of a BOOL output.</summary>
    public bool[] Bool(string name)
    {
        var (tensor, raw) = Output(name, InferenceDatatype.Bool);
        return raw is null ? [.. tensor.Contents.BoolContents] : [.. raw.Select(b => b != 0)];
    }

    /// <summary>The elements of a BYTES output decoded as UTF-8.</summary>
    public string[] Strings(string name)
    {
        var (tensor, raw) = Output(name, InferenceDatatype.Bytes);
        if (raw is null)
        {
            return [.. tensor.Contents.BytesContents.Select(b => b.ToStringUtf8())];
        }

        var values = new List<string>();
        for (var at = 0; at < raw.Length;)
        {
            var length = BinaryPrimitives.ReadInt32LittleEndian(raw.AsSpan(at));
            values.Add(Encoding.UTF8.GetString(raw, at + 4, length));
            at += 4 + length;
        }

        return [.. values];
    }

    private (ModelInferResponse.Types.InferOutputTensor Tensor, byte[]? Raw) Output(string name, string? datatype = null)
    {
        for (var i = 0; i < response.Outputs.Count; i++)
        {
            var tensor = response.Outputs[i];
            if (tensor.Name != name)
            {
                continue;
            }

            if (datatype is not null && tensor.Datatype != datatype)
            {
                throw new InvalidOperationException($"Output '{name}' is {tensor.Datatype}, not {datatype}.");
            }

            return (tensor, response.RawOutputContents.Count > 0 ? response.RawOutputContents[i].ToByteArray() : null);
        }

        throw new KeyNotFoundException($"The response has no output '{name}'.");
    }
}
