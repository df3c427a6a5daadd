using GraphQL.Types;

namespace Gateway.GraphQl;

public sealed class DecisionEdgeGraphType : ObjectGraphType<DecisionEdge>
{
    public DecisionEdgeGraphType()
    {
        Name = "DecisionEdge";
        Field<NonNullGraphType<StringGraphType>>("cursor").Resolve(c => c.Source.Cursor);
        Field<NonNullGraphType<DecisionGraphType>>("node").Resolve(c => c.Source.Node);
    }
}
