using System.Text.Json;
using GraphQL.Types;

namespace Gateway.GraphQl;

public sealed class ReasonGraphType : ObjectGraphType<JsonElement>
{
    public ReasonGraphType()
    {
        Name = "Reason";
        Description = "Why the decision came out as it did: a stable code and its words.";
        Field<NonNullGraphType<StringGraphType>>("code").Resolve(c => Json.String(c.Source, "code"));
        Field<StringGraphType>("description").Resolve(c => Json.String(c.Source, "description"));
    }
}
