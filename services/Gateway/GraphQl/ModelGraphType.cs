using GraphQL.Types;
using Gateway.Models;

namespace Gateway.GraphQl;

public sealed class ModelGraphType : ObjectGraphType<ModelDocument>
{
    public ModelGraphType()
    {
        Name = "Model";
        Description = "A model CreditScoring serves (as GET /v1/models lists it).";
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(c => c.Source.Name);
        Field<NonNullGraphType<StringGraphType>>("version").Resolve(c => c.Source.Version);
        Field<NonNullGraphType<StringGraphType>>("modelVersion").Resolve(c => c.Source.ModelVersion);
        Field<NonNullGraphType<StringGraphType>>("kind").Resolve(c => c.Source.Kind);
        Field<NonNullGraphType<StringGraphType>>("role").Description("champion, challenger or available.").Resolve(c => c.Source.Role);
        Field<NonNullGraphType<JsonGraphType>>("metrics").Description("The cross-validated metrics of its training.").Resolve(c => c.Source.Metrics);
        Field<NonNullGraphType<StringGraphType>>("loadedAt").Resolve(c => c.Source.LoadedAt);
        Field<NonNullGraphType<StringGraphType>>("filesSha256").Resolve(c => c.Source.FilesSha256);
    }
}
