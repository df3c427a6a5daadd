using Gateway.Audit;
using Gateway.Auth;
using Gateway.LoadShedding;
using Gateway.RateLimits;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Gateway.Replay;

// An analyst replays a past decision with the versions that made it (to show it is reproducible) or with others (to
// see what they would have decided). Only an audit row is written.
public static class ReplayApi
{
    public static RouteHandlerBuilder MapReplayApi(this IEndpointRouteBuilder app) =>
        app.MapPost("/v1/decisions/{decisionId:guid}/replay", ReplayDecision)
            .WithTags("Decisions")
            .RequireAuthorization(Roles.ReadHistoryPolicy)
            .RequireRateLimiting(TenantRateLimits.History)
            .ShedLoadOver(LoadShedder.History)
            .Produces<ReplayDocument>()
            .WithName("ReplayDecision");

    public static async Task<Results<ContentHttpResult, ValidationProblem, ProblemHttpResult>> ReplayDecision(
        Guid decisionId,
        [FromBody(EmptyBodyBehavior = Microsoft.AspNetCore.Mvc.ModelBinding.EmptyBodyBehavior.Allow)] ReplayRequest? request,
        HttpContext context,
        DecisionReplayer replayer,
        AuditTrail audit)
    {
        request ??= new ReplayRequest(null, null, null);
        var errors = ReplayVersions.Errors(request);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The request is not valid");
        }

        var result = await replayer.ReplayAsync(context.User.TenantId(), decisionId, request, context.RequestAborted);
        switch (result)
        {
            case ReplayResult.Replayed replayed:
                await audit.RecordAsync(context, AuditActions.ReplayDecision, $"decision:{decisionId}");
                return TypedResults.Content(replayed.Json, "application/json");
            case ReplayResult.NotFound:
                return TypedResults.Problem(statusCode: 404, title: "Decision not found", detail: $"No decision {decisionId} for this tenant.");
            case ReplayResult.UnknownVersion unknown:
                return TypedResults.Problem(statusCode: 422, title: "Unknown version", detail: unknown.Detail, extensions: new Dictionary<string, object?> { ["field"] = unknown.Field });
            case ReplayResult.NotReplayable notReplayable:
                return TypedResults.Problem(statusCode: 422, title: "Not replayable with that version", detail: $"The stored application is outside what that version accepts: {notReplayable.Detail}");
            default:
                context.Response.Headers.RetryAfter = "5";
                return TypedResults.Problem(statusCode: 503, title: "Model service unavailable", detail: "A model service did not answer the replay; retry later.");
        }
    }
}
