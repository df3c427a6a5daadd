using GraphQL;
using GraphQL.Types;

namespace Gateway.GraphQl;

// Queries only: there is no mutation or subscription type, so those operations fail validation.
public sealed class DecisioningSchema : Schema
{
    /// <summary>
    /// What introspection counts for against the complexity limit, relative to data: the usual introspection query
    /// comes to about 40,000, while nesting it deeper still multiplies past the limit.
    /// </summary>
    public const double IntrospectionImpact = 0.1;

    public DecisioningSchema()
    {
        Query = new QueryGraphType();
        this.WithIntrospectionComplexityImpact(IntrospectionImpact);
    }
}
