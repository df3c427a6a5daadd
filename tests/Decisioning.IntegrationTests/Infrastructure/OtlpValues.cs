using System.Globalization;
using Google.Protobuf;
using Google.Protobuf.Collections;
using OpenTelemetry.Proto.Common.V1;

namespace Decisioning.IntegrationTests.Infrastructure;

public static class OtlpValues
{
    public static string Hex(ByteString bytes) => Convert.ToHexStringLower(bytes.Span);

    public static string? Attribute(RepeatedField<KeyValue> attributes, string key) =>
        attributes.FirstOrDefault(a => a.Key == key) is { } found ? Text(found.Value) : null;

    /// <summary>Any value as text: strings as they are, numbers invariant, lists and maps with every element (so a search sees everything).</summary>
    public static string Text(AnyValue? value) => value?.ValueCase switch
    {
        AnyValue.ValueOneofCase.StringValue => value.StringValue,
        AnyValue.ValueOneofCase.BoolValue => value.BoolValue ? "true" : "false",
        AnyValue.ValueOneofCase.IntValue => value.IntValue.ToString(CultureInfo.InvariantCulture),
        AnyValue.ValueOneofCase.DoubleValue => value.DoubleValue.ToString(CultureInfo.InvariantCulture),
        AnyValue.ValueOneofCase.ArrayValue => string.Join(",", value.ArrayValue.Values.Select(Text)),
        AnyValue.ValueOneofCase.KvlistValue => string.Join(",", value.KvlistValue.Values.Select(kv => kv.Key + "=" + Text(kv.Value))),
        AnyValue.ValueOneofCase.BytesValue => value.BytesValue.ToStringUtf8(),
        _ => "",
    };
}
