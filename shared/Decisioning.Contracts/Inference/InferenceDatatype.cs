namespace Decisioning.Contracts.Inference;

/// <summary>The tensor datatypes of the Open Inference Protocol that our models read or write.</summary>
public static class InferenceDatatype
{
    /// <summary>64-bit IEEE float (<c>fp64_contents</c>; raw: 8 bytes little-endian).</summary>
    public const string Fp64 = "FP64";

    /// <summary>32-bit IEEE float (<c>fp32_contents</c>; raw: 4 bytes little-endian).</summary>
    public const string Fp32 = "FP32";

    /// <summary>32-bit signed integer (<c>int_contents</c>; raw: 4 bytes little-endian).</summary>
    public const string Int32 = "INT32";

    /// <summary>64-bit signed integer (<c>int64_contents</c>; raw: 8 bytes little-endian).</summary>
    public const string Int64 = "INT64";

    /// <summary>Boolean (<c>bool_contents</c>; raw: 1 byte, 0 or 1).</summary>
    public const string Bool = "BOOL";

    /// <summary>Byte strings, UTF-8 text here (<c>bytes_contents</c>; raw: each a 4-byte little-endian length and its bytes).</summary>
    public const string Bytes = "BYTES";

    /// <summary>Whether a tensor of <paramref name="datatype"/> holds numbers that convert exactly to <see cref="double"/>.</summary>
    public static bool IsNumeric(string datatype) => datatype is Fp64 or Fp32 or Int32 or Int64;
}
