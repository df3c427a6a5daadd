using Decisioning.Data;
using GraphQL;
using GraphQL.Types;
using Gateway.Audit;
using Gateway.Auth;
using Gateway.History;
using Gateway.Models;
using Gateway.Reviews;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using CreditScoringContract = Decisioning.Contracts.Scoring.V1.CreditScoring;

namespace Gateway.GraphQl;

// The root fields. Each reads through the same store and writes the same audit row as its REST endpoint.
public sealed class QueryGraphType : ObjectGraphType
{
    public QueryGraphType()
    {
        Name = "Query";
        Field<DecisionGraphType>("decision")
            .Description("One decision of the caller's tenant, with its review if it was referred; null when there is none.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async c => await DecisionAsync(c));
        Field<DecisionConnectionGraphType>("decisions")
            .Description("The decision history, newest first, paged like GET /v1/decisions (the same cursors).")
            .Argument<DecisionFilterGraphType>("filter")
            .Argument<IntGraphType>("first", "Decisions per page, 1 to 500; REST's default when not given.")
            .Argument<StringGraphType>("after", "The endCursor of the previous page.")
            .ResolveAsync(async c => await DecisionsAsync(c));
        Field<StatsGraphType>("stats")
            .Description("The figures of GET /v1/decisions/stats.")
            .Argument<NonNullGraphType<StatsGroupingGraphType>>("groupBy")
            .Argument<DecisionFilterGraphType>("filter")
            .ResolveAsync(async c => await StatsAsync(c));
        Field<ListGraphType<NonNullGraphType<ModelGraphType>>>("models")
            .Description("The models CreditScoring serves, as GET /v1/models lists them.")
            .ResolveAsync(async c => await ModelsAsync(c));
    }

    private static async Task<DecisionNode?> DecisionAsync(IResolveFieldContext context)
    {
        var http = Http(context);
        if (!Guid.TryParse(context.GetArgument<string>("id"), out var decisionId))
        {
            return null;
        }

        var tenantId = http.User.TenantId();
        var document = await Service<DecisionStore>(context).FindDocumentAsync(tenantId, decisionId, context.CancellationToken);
        if (document is null)
        {
            return null;
        }

        await Service<AuditTrail>(context).RecordReadAsync(http, AuditActions.ReadDecision, $"decision:{decisionId}");
        var review = await Service<ReviewStore>(context).FindAsync(tenantId, decisionId, context.CancellationToken);
        return DecisionNode.Parse(document, review is null ? null : ReviewDocument.From(review), reviewRead: true);
    }

    private static async Task<DecisionConnection?> DecisionsAsync(IResolveFieldContext context)
    {
        var http = Http(context);
        var tenantId = http.User.TenantId();
        var cursors = Service<HistoryCursor>(context);
        var errors = new Dictionary<string, string[]>();
        var query = HistoryArguments.Parse(
            Filter(context), context.GetArgument<int?>("first"), context.GetArgument<string?>("after"), null, HistoryKind.List, Options(context), Now(context), errors);
        HistoryPosition? after = null;
        if (query?.Cursor is { } cursor)
        {
            if (cursors.TryDecode(cursor, query.Hash(tenantId), out var position))
            {
                after = position;
            }
            else
            {
                errors["after"] = ["'after' is not a cursor this query returned: it was edited, or the filters changed."];
            }
        }

        if (errors.Count > 0)
        {
            return Invalid<DecisionConnection>(context, errors);
        }

        // As REST: the read is audited while it runs, and both must succeed before anything is answered.
        var audited = Service<AuditTrail>(context).RecordReadAsync(http, AuditActions.ListDecisions, AuditTrail.QuerySummary(query!.Filter, limit: query.Limit, nextPage: after is not null));
        var read = Service<DecisionHistoryStore>(context).ListAsync(tenantId, query.Filter, after, query.Limit, context.CancellationToken);
        await Task.WhenAll(audited, read);
        var page = await read;

        var hash = query.Hash(tenantId);
        var edges = new DecisionEdge[page.Documents.Count];
        for (var i = 0; i < edges.Length; i++)
        {
            edges[i] = new DecisionEdge(cursors.Encode(page.Positions[i], hash), DecisionNode.Parse(page.Documents[i]));
        }

        return new DecisionConnection(edges, new PageInfo(page.Next is not null, edges.Length == 0 ? null : edges[^1].Cursor));
    }

    private static async Task<HistoryStatsResponse?> StatsAsync(IResolveFieldContext context)
    {
        var errors = new Dictionary<string, string[]>();
        var query = HistoryArguments.Parse(Filter(context), null, null, context.GetArgument<string>("groupBy"), HistoryKind.Stats, Options(context), Now(context), errors);
        if (query is null)
        {
            return Invalid<HistoryStatsResponse>(context, errors);
        }

        var http = Http(context);
        await Service<AuditTrail>(context).RecordReadAsync(http, AuditActions.DecisionStats, AuditTrail.QuerySummary(query.Filter, groupBy: query.GroupBy));
        var groups = await Service<DecisionHistoryStore>(context).StatsAsync(http.User.TenantId(), query.Filter, query.GroupBy!, context.CancellationToken);
        return new HistoryStatsResponse(query.GroupBy!, groups);
    }

    private static async Task<IReadOnlyList<ModelDocument>?> ModelsAsync(IResolveFieldContext context)
    {
        var result = await ModelsApi.ListModels(Service<CreditScoringContract.CreditScoringClient>(context), Http(context));
        return result.Result switch
        {
            Ok<ModelListDocument> ok => ok.Value!.Models,
            ProblemHttpResult problem => throw new ExecutionError(problem.ProblemDetails.Detail ?? "The credit-scoring service did not answer; retry later.") { Code = "SERVICE_UNAVAILABLE" },
            _ => throw new InvalidOperationException("ListModels answered neither models nor a problem."),
        };
    }

    // Each wrong argument is its own error, naming it as REST's 400 does; the field is null.
    private static T? Invalid<T>(IResolveFieldContext context, Dictionary<string, string[]> errors)
        where T : class
    {
        foreach (var (argument, messages) in errors)
        {
            foreach (var message in messages)
            {
                var error = new ExecutionError(message) { Code = "INVALID_ARGUMENT", Path = context.ResponsePath };
                error.Data["argument"] = argument;
                context.Errors.Add(error);
            }
        }

        return null;
    }

    private static IReadOnlyDictionary<string, object?>? Filter(IResolveFieldContext context) => context.GetArgument<Dictionary<string, object?>?>("filter");

    private static HttpContext Http(IResolveFieldContext context) => ((GraphQlUserContext)context.UserContext).Http;

    private static T Service<T>(IResolveFieldContext context)
        where T : notnull => context.RequestServices!.GetRequiredService<T>();

    private static HistoryOptions Options(IResolveFieldContext context) => Service<IOptions<HistoryOptions>>(context).Value;

    private static DateTime Now(IResolveFieldContext context) => Service<TimeProvider>(context).GetUtcNow().UtcDateTime;
}
