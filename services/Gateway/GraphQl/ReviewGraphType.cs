using GraphQL.Types;
using Gateway.Reviews;

namespace Gateway.GraphQl;

public sealed class ReviewGraphType : ObjectGraphType<ReviewDocument>
{
    public ReviewGraphType()
    {
        Name = "Review";
        Description = "The review of a referred decision, as GET /v1/decisions/{id} shows it.";
        Field<NonNullGraphType<StringGraphType>>("status").Resolve(c => c.Source.Status);
        Field<StringGraphType>("finalOutcome").Resolve(c => c.Source.FinalOutcome);
        Field<StringGraphType>("reason").Resolve(c => c.Source.Reason);
        Field<StringGraphType>("note").Resolve(c => c.Source.Note);
        Field<StringGraphType>("decidedBy").Description("The id of the API key that resolved the case.").Resolve(c => c.Source.DecidedBy);
        Field<StringGraphType>("decidedByRole").Resolve(c => c.Source.DecidedByRole);
        Field<DateTimeGraphType>("resolvedAt").Resolve(c => c.Source.ResolvedAt);
        Field<DateTimeGraphType>("leaseExpiresAt").Resolve(c => c.Source.LeaseExpiresAt);
    }
}
