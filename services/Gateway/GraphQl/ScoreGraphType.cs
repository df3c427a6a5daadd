using System.Text.Json;
using GraphQL.Types;

namespace Gateway.GraphQl;

public sealed class ScoreGraphType : ObjectGraphType<JsonElement>
{
    public ScoreGraphType()
    {
        Name = "Score";
        Description = "The model's answer: probability of default, score, grade and the model version that gave them.";
        Field<NonNullGraphType<FloatGraphType>>("pd").Resolve(c => Json.Double(c.Source, "pd"));
        Field<NonNullGraphType<IntGraphType>>("score").Resolve(c => Json.Int(c.Source, "score"));
        Field<NonNullGraphType<StringGraphType>>("grade").Resolve(c => Json.String(c.Source, "grade"));
        Field<NonNullGraphType<StringGraphType>>("modelVersion").Resolve(c => Json.String(c.Source, "modelVersion"));
    }
}
