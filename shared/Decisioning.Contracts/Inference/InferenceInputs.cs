using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Grpc.Core;

namespace Decisioning.Contracts.Inference;

/// <summary>
/// The input columns of one <see cref="ModelInferRequest"/>: every input has shape <c>[N]</c> or <c>[N, 1]</c>
/// with the same N, in typed contents or in <c>raw_input_contents</c> (little-endian; BYTES elements length-prefixed).
/// Every failure is an <see cref="RpcException"/> with INVALID_ARGUMENT that names the input.
/// </summary>
public sealed class InferenceInputs
{
    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ModelInferRequest _request;
    private readonly Dictionary<string, int> _indexByName;

    private InferenceInputs(ModelInferRequest request, Dictionary<string, int> indexByName, int rows)
    {
        _request = request;
        _indexByName = indexByName;
        Rows = rows;
    }

    /// <summary>The batch size N shared by every input.</summary>
    public int Rows { get; }

    /// <summary>Whether the request carried its tensors in <c>raw_input_contents</c>.</summary>
    public bool UsesRawContents => _request.RawInputContents.Count > 0;

    /// <summary>
    /// Checks the request against the model's inputs: each present once, no others, a datatype the input
    /// accepts (any numeric type for a numeric input, BYTES for BYTES), a column shape and one batch size.
    /// </summary>
    public static InferenceInputs Read(ModelInferRequest request, IReadOnlyList<InferenceTensorSpec> expected)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(expected);

        var raw = request.RawInputContents.Count > 0;
        if (raw && request.RawInputContents.Count != request.Inputs.Count)
        {
            throw Invalid($"raw_input_contents has {request.RawInputContents.Count} entries for {request.Inputs.Count} inputs.");
        }

        var indexByName = new Dictionary<string, int>(StringComparer.Ordinal);
        var rows = -1;
        string? firstInput = null;
        for (var i = 0; i < request.Inputs.Count; i++)
        {
            var input = request.Inputs[i];
            var spec = expected.FirstOrDefault(s => s.Name == input.Name)
                ?? throw Invalid($"input '{input.Name}' is not an input of this model; inputs are {string.Join(", ", expected.Select(s => s.Name))}.");
            if (!indexByName.TryAdd(input.Name, i))
            {
                throw Invalid($"input '{input.Name}' is given twice.");
            }

            if (!Accepts(spec.Datatype, input.Datatype))
            {
                throw Invalid($"input '{input.Name}': datatype '{input.Datatype}' is not accepted; expected {spec.Datatype}.");
            }

            if (raw && input.Contents is not null)
            {
                throw Invalid($"input '{input.Name}': contents must not be set when raw_input_contents is used.");
            }

            var shape = input.Shape;
            if (shape.Count is < 1 or > 2 || (shape.Count == 2 && shape[1] != 1) || shape[0] < 1 || shape[0] > int.MaxValue)
            {
                throw Invalid($"input '{input.Name}': shape [{string.Join(",", shape)}] is not [N] or [N,1] with N >= 1.");
            }

            if (rows == -1)
            {
                rows = (int)shape[0];
                firstInput = input.Name;
            }
            else if (shape[0] != rows)
            {
                throw Invalid($"input '{input.Name}': {shape[0]} rows, but input '{firstInput}' has {rows}.");
            }
        }

        foreach (var spec in expected)
        {
            if (!indexByName.ContainsKey(spec.Name))
            {
                throw Invalid($"input '{spec.Name}' is missing.");
            }
        }

        return new InferenceInputs(request, indexByName, rows);
    }

    /// <summary>The values of a numeric input (FP64, FP32, INT32 or INT64), one per row.</summary>
    public double[] Numbers(string name)
    {
        var (input, index) = Input(name);
        var values = new double[Rows];
        if (UsesRawContents)
        {
            var bytes = _request.RawInputContents[index].Span;
            var size = input.Datatype is InferenceDatatype.Fp64 or InferenceDatatype.Int64 ? 8 : 4;
            CheckRawLength(name, bytes.Length, size);
            for (var r = 0; r < Rows; r++)
            {
                var element = bytes.Slice(r * size, size);
                values[r] = input.Datatype switch
                {
                    InferenceDatatype.Fp64 => BinaryPrimitives.ReadDoubleLittleEndian(element),
                    InferenceDatatype.Fp32 => BinaryPrimitives.ReadSingleLittleEndian(element),
                    InferenceDatatype.Int32 => BinaryPrimitives.ReadInt32LittleEndian(element),
                    _ => BinaryPrimitives.ReadInt64LittleEndian(element),
                };
            }

            return values;
        }

        var contents = input.Contents ?? new InferTensorContents();
        switch (input.Datatype)
        {
            case InferenceDatatype.Fp64:
                CheckCount(name, contents.Fp64Contents.Count);
                contents.Fp64Contents.CopyTo(values, 0);
                break;
            case InferenceDatatype.Fp32:
                CheckCount(name, contents.Fp32Contents.Count);
                for (var r = 0; r < Rows; r++)
                {
                    values[r] = contents.Fp32Contents[r];
                }

                break;
            case InferenceDatatype.Int32:
                CheckCount(name, contents.IntContents.Count);
                for (var r = 0; r < Rows; r++)
                {
                    values[r] = contents.IntContents[r];
                }

                break;
            default:
                CheckCount(name, contents.Int64Contents.Count);
                for (var r = 0; r < Rows; r++)
                {
                    values[r] = contents.Int64Contents[r];
                }

                break;
        }

        return values;
    }

    /// <summary>The values of a numeric input that must be whole numbers within <see cref="int"/>.</summary>
    public int[] WholeNumbers(string name)
    {
        var numbers = Numbers(name);
        var values = new int[numbers.Length];
        for (var r = 0; r < numbers.Length; r++)
        {
            var x = numbers[r];
            if (!double.IsFinite(x) || Math.Floor(x) != x || x < int.MinValue || x > int.MaxValue)
            {
                throw Invalid($"input '{name}': row {r} value {x.ToString(CultureInfo.InvariantCulture)} is not a whole number.");
            }

            values[r] = (int)x;
        }

        return values;
    }

    /// <summary>The values of a BYTES input decoded as UTF-8, one per row.</summary>
    public string[] Strings(string name)
    {
        var (_, index) = Input(name);
        var values = new string[Rows];
        if (UsesRawContents)
        {
            var bytes = _request.RawInputContents[index].Span;
            var at = 0;
            for (var r = 0; r < Rows; r++)
            {
                if (bytes.Length - at < 4)
                {
                    throw Invalid($"input '{name}': raw contents end before element {r}'s length.");
                }

                var length = BinaryPrimitives.ReadUInt32LittleEndian(bytes[at..]);
                at += 4;
                if (length > (uint)(bytes.Length - at))
                {
                    throw Invalid($"input '{name}': raw element {r} is longer than the bytes left.");
                }

                values[r] = Utf8(name, r, bytes.Slice(at, (int)length));
                at += (int)length;
            }

            if (at != bytes.Length)
            {
                throw Invalid($"input '{name}': raw contents hold more than {Rows} elements.");
            }

            return values;
        }

        var elements = (_request.Inputs[index].Contents ?? new InferTensorContents()).BytesContents;
        CheckCount(name, elements.Count);
        for (var r = 0; r < Rows; r++)
        {
            values[r] = Utf8(name, r, elements[r].Span);
        }

        return values;
    }

    private static bool Accepts(string expected, string actual) =>
        expected == InferenceDatatype.Bytes ? actual == InferenceDatatype.Bytes
        : InferenceDatatype.IsNumeric(expected) ? InferenceDatatype.IsNumeric(actual)
        : actual == expected;

    private static string Utf8(string name, int row, ReadOnlySpan<byte> bytes)
    {
        try
        {
            return s_strictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw Invalid($"input '{name}': row {row} is not valid UTF-8.");
        }
    }

    private (ModelInferRequest.Types.InferInputTensor Input, int Index) Input(string name)
    {
        if (!_indexByName.TryGetValue(name, out var index))
        {
            throw Invalid($"input '{name}' is missing.");
        }

        return (_request.Inputs[index], index);
    }

    private void CheckCount(string name, int count)
    {
        if (count != Rows)
        {
            throw Invalid($"input '{name}': {count} values for {Rows} rows.");
        }
    }

    private void CheckRawLength(string name, int length, int elementSize)
    {
        if (length != (long)Rows * elementSize)
        {
            throw Invalid($"input '{name}': raw contents are {length} bytes, {Rows} rows need {(long)Rows * elementSize}.");
        }
    }

    private static RpcException Invalid(string message) => new(new Status(StatusCode.InvalidArgument, message));
}
