using GraphQL;
using GraphQL.Types;
using GraphQL.Validation.Complexity;

namespace Gateway.GraphQl;

public sealed class DecisionConnectionGraphType : ObjectGraphType<DecisionConnection>
{
    public DecisionConnectionGraphType()
    {
        Name = "DecisionConnection";
        Description = "One page of the decision history, newest first.";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<DecisionEdgeGraphType>>>>("edges").WithComplexityImpact(PageImpact).Resolve(c => c.Source.Edges);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<DecisionGraphType>>>>("nodes").WithComplexityImpact(PageImpact).Resolve(c => c.Source.Nodes);
        Field<NonNullGraphType<PageInfoGraphType>>("pageInfo").Resolve(c => c.Source.PageInfo);
    }

    /// <summary>What a page counts for the complexity limit when 'first' is not given (REST's default page).</summary>
    public const int DefaultPageImpact = 50;

    // Each field of a node counts once per decision the page may hold (a 'first' out of range is refused by the resolver, with its message).
    private static FieldComplexityResult PageImpact(FieldImpactContext context) =>
        new(1, Math.Clamp(context.Parent?.GetArgument<int?>("first") ?? DefaultPageImpact, 1, 500));
}
