using GraphQL.Types;

namespace Gateway.GraphQl;

// The REST history's filter parameters, by the same names and with the same rules.
public sealed class DecisionFilterGraphType : InputObjectGraphType
{
    public DecisionFilterGraphType()
    {
        Name = "DecisionFilter";
        Description = "Which decisions to read; the same filters as GET /v1/decisions. Without from and to: the last 30 days.";
        Field<StringGraphType>("from").Description("ISO 8601 date or time, inclusive (e.g. 2026-11-01 or 2026-11-01T12:00:00Z).");
        Field<StringGraphType>("to").Description("ISO 8601 date or time, exclusive; default now.");
        Field<StringGraphType>("outcome").Description("approve, decline or refer.");
        Field<StringGraphType>("product");
        Field<StringGraphType>("grade").Description("A to G.");
        Field<StringGraphType>("modelVersion");
        Field<StringGraphType>("policyVersion");
        Field<FloatGraphType>("minPd");
        Field<FloatGraphType>("maxPd");
        Field<StringGraphType>("applicationId");
        Field<StringGraphType>("reason").Description("A reason code the decision gave.");
    }
}
