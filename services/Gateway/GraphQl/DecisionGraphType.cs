using Decisioning.Data;
using GraphQL;
using GraphQL.Types;
using Gateway.Auth;
using Gateway.Reviews;

namespace Gateway.GraphQl;

// A stored decision document, field for field as REST returns it, with the review of a referred decision.
public sealed class DecisionGraphType : ObjectGraphType<DecisionNode>
{
    public DecisionGraphType()
    {
        Name = "Decision";
        Description = "A credit decision as it was returned when made (the same document as GET /v1/decisions/{id}).";
        Field<NonNullGraphType<IdGraphType>>("decisionId").Resolve(c => c.Source.DecisionId);
        Field<NonNullGraphType<StringGraphType>>("applicationId").Resolve(c => Json.String(c.Source.Document, "applicationId"));
        Field<NonNullGraphType<StringGraphType>>("outcome").Description("approve, decline or refer.").Resolve(c => c.Source.Outcome);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ReasonGraphType>>>>("reasons")
            .Resolve(c => Json.Member(c.Source.Document, "reasons")?.EnumerateArray().ToList() ?? []);
        Field<ScoreGraphType>("score").Resolve(c => Json.Member(c.Source.Document, "score"));
        Field<OfferGraphType>("offer").Resolve(c => Json.Member(c.Source.Document, "offer"));
        Field<NonNullGraphType<StringGraphType>>("policyVersion").Resolve(c => Json.String(c.Source.Document, "policyVersion"));
        Field<NonNullGraphType<DateTimeGraphType>>("decidedAt").Resolve(c => Json.Time(c.Source.Document, "decidedAt"));
        Field<StringGraphType>("traceId").Resolve(c => Json.String(c.Source.Document, "traceId"));
        Field<ReviewGraphType>("review")
            .Description("The review of a referred decision; null for others.")
            .WithComplexityImpact(ReviewImpact)
            .ResolveAsync(async c => await ReviewAsync(c));
    }

    // A review in a list is one more read per referred decision.
    public const double ReviewImpact = 10;

    private static async Task<ReviewDocument?> ReviewAsync(IResolveFieldContext<DecisionNode> context)
    {
        var node = context.Source;
        if (node.ReviewRead || node.Outcome != "refer")
        {
            return node.Review;
        }

        var http = ((GraphQlUserContext)context.UserContext).Http;
        var review = await context.RequestServices!.GetRequiredService<ReviewStore>().FindAsync(http.User.TenantId(), node.DecisionId, context.CancellationToken);
        return review is null ? null : ReviewDocument.From(review);
    }
}
