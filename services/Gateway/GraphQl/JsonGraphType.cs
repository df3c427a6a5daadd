using System.Text.Json;
using GraphQL.Types;
using GraphQLParser.AST;

namespace Gateway.GraphQl;

// Free-form JSON written as it is (a model's metrics, whose members differ by model kind). Output only.
public sealed class JsonGraphType : ScalarGraphType
{
    public JsonGraphType()
    {
        Name = "JSON";
        Description = "A JSON value as the REST API returns it (output only).";
    }

    public override object? ParseLiteral(GraphQLValue value) => ThrowLiteralConversionError(value);

    public override object? ParseValue(object? value) => ThrowValueConversionError(value);

    public override object? Serialize(object? value) => value switch
    {
        null => null,
        JsonElement element => element,
        _ => ThrowSerializationError(value),
    };
}
