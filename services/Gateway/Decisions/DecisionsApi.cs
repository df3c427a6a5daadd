using Decisioning.Data;
using Gateway.Audit;
using Gateway.Auth;
using Gateway.LoadShedding;
using Gateway.Problems;
using Gateway.RateLimits;
using Gateway.Reviews;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Gateway.Decisions;

public static class DecisionsApi
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    // A decision request is well under 2 KB; anything far larger is refused with 413 before it is read.
    public const int MaxBodyBytes = 16 * 1024;

    // A new decision (201), a replay (200) and GET return the stored document as text, so its shape is declared with Produces.
    public static RouteGroupBuilder MapDecisionsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/decisions").WithTags("Decisions").RequireRateLimiting(TenantRateLimits.Decisions);

        group.MapPost("/", CreateDecision)
            .ShedLoadOver(LoadShedder.Decisions)
            .TakesIdempotencyKey()
            .RequireAuthorization(Roles.MakeDecisionsPolicy)
            .AddEndpointFilter<ValidationFilter<DecisionRequest>>()
            .Produces<DecisionDocument>(StatusCodes.Status201Created)
            .Produces<DecisionDocument>()
            .WithName("CreateDecision");
        group.MapGet("/{decisionId:guid}", GetDecision)
            .RequireAuthorization(Roles.ReadDecisionsPolicy)
            .Produces<DecisionDocument>()
            .WithName("GetDecision");

        return group;
    }

    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> CreateDecision(
        DecisionRequest request,
        [FromHeader(Name = IdempotencyKeyHeader)] string? idempotencyKey,
        HttpContext context,
        DecisionMaker maker)
    {
        if (string.IsNullOrEmpty(idempotencyKey) || idempotencyKey.Length > 200)
        {
            return TypedResults.Problem(
                statusCode: 400,
                title: "Idempotency-Key required",
                detail: "Send an 'Idempotency-Key' header of 1 to 200 characters, unique per application attempt.");
        }

        var result = await maker.DecideAsync(context.User.TenantId(), idempotencyKey, request, context.RequestAborted);
        switch (result)
        {
            case DecisionResult.Created created:
                context.Response.Headers.Location = $"/v1/decisions/{created.DecisionId}";
                return TypedResults.Content(created.DocumentJson, "application/json", statusCode: StatusCodes.Status201Created);
            case DecisionResult.Replayed replayed:
                context.Response.Headers["Idempotent-Replayed"] = "true";
                return TypedResults.Content(replayed.DocumentJson, "application/json", statusCode: 200);
            default:
                return TypedResults.Problem(
                    statusCode: 409,
                    title: "Idempotency-Key reused",
                    detail: "This Idempotency-Key was already used with a different request body.");
        }
    }

    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetDecision(Guid decisionId, HttpContext context, DecisionStore store, ReviewStore reviews, AuditTrail audit)
    {
        var document = await store.FindDocumentAsync(context.User.TenantId(), decisionId, context.RequestAborted);
        if (document is null)
        {
            return TypedResults.Problem(statusCode: 404, title: "Decision not found", detail: $"No decision {decisionId} for this tenant.");
        }

        await audit.RecordReadAsync(context, AuditActions.ReadDecision, $"decision:{decisionId}");

        // A referred decision shows its review beside the stored document, which itself stays as first returned.
        var review = await reviews.FindAsync(context.User.TenantId(), decisionId, context.RequestAborted);
        return TypedResults.Content(review is null ? document : DecisionWithReview.Compose(document, ReviewDocument.From(review)), "application/json");
    }
}
