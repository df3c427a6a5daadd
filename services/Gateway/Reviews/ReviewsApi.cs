using System.Diagnostics;
using System.Security.Claims;
using System.Text.Json;
using Decisioning.Data;
using Gateway.Audit;
using Gateway.Auth;
using Gateway.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Gateway.Reviews;

public static class ReviewsApi
{
    public static RouteGroupBuilder MapReviewsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/reviews").WithTags("Reviews").RequireAuthorization(Roles.ReviewCasesPolicy);

        group.MapPost("/claim", ClaimCase)
            .WithName("ClaimReviewCase");
        group.MapPost("/{decisionId:guid}/resolve", ResolveCase)
            .AddEndpointFilter<ValidationFilter<ResolveRequest>>()
            .WithName("ResolveReviewCase");
        group.MapPost("/{decisionId:guid}/release", ReleaseCase)
            .WithName("ReleaseReviewCase");

        return group;
    }

    public static async Task<Results<Ok<ReviewClaimDocument>, NoContent>> ClaimCase(HttpContext context, ReviewStore store, IOptions<ReviewOptions> options, AuditTrail audit)
    {
        var lease = TimeSpan.FromSeconds(options.Value.LeaseSeconds);
        var claim = await store.ClaimAsync(context.User.TenantId(), context.User.KeyId(), lease, context.RequestAborted);
        if (claim is null)
        {
            return TypedResults.NoContent();
        }

        await audit.RecordAsync(context, AuditActions.ClaimReview, $"decision:{claim.DecisionId}");
        using var decision = JsonDocument.Parse(claim.DocumentJson);
        return TypedResults.Ok(new ReviewClaimDocument(claim.DecisionId, claim.LeaseExpiresAt, decision.RootElement.Clone()));
    }

    public static async Task<Results<Ok<ReviewDocument>, ProblemHttpResult>> ResolveCase(Guid decisionId, ResolveRequest request, HttpContext context, ReviewStore store, AuditTrail audit)
    {
        var tenantId = context.User.TenantId();
        var isAdmin = context.User.IsInRole(Roles.Admin);
        var resolution = new ReviewResolution(
            request.Outcome!,
            request.Reason!,
            request.Note,
            context.User.KeyId(),
            context.User.FindFirstValue(ClaimTypes.Role) ?? Roles.Reviewer);
        var resolved = await store.ResolveAsync(tenantId, decisionId, resolution, mayResolveAnyCase: isAdmin, Activity.Current?.TraceId.ToHexString(), context.RequestAborted);
        if (resolved is not null)
        {
            await audit.RecordAsync(context, AuditActions.ResolveReview, $"decision:{decisionId} outcome:{resolved.FinalOutcome}");
            return TypedResults.Ok(ReviewDocument.From(resolved));
        }

        return Unchanged(
            await store.FindAsync(tenantId, decisionId, context.RequestAborted),
            decisionId,
            $"Only the reviewer holding an unexpired lease on decision {decisionId} may resolve it; claim it with POST /v1/reviews/claim.");
    }

    /// <summary>
    /// Gives a claimed case back to the queue before its lease runs out: the reviewer holding the lease, or an admin.
    /// </summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> ReleaseCase(Guid decisionId, HttpContext context, ReviewStore store, AuditTrail audit)
    {
        var tenantId = context.User.TenantId();
        var isAdmin = context.User.IsInRole(Roles.Admin);
        if (await store.ReleaseAsync(tenantId, decisionId, context.User.KeyId(), mayReleaseAnyCase: isAdmin, context.RequestAborted))
        {
            await audit.RecordAsync(context, AuditActions.ReleaseReview, $"decision:{decisionId}");
            return TypedResults.NoContent();
        }

        var current = await store.FindAsync(tenantId, decisionId, context.RequestAborted);
        return current is { Status: "open" }
            ? TypedResults.Problem(
                statusCode: 409,
                title: "Review case not claimed",
                detail: $"Decision {decisionId} is already in the queue: nobody holds a lease on it.")
            : Unchanged(current, decisionId, $"Only the reviewer holding the lease on decision {decisionId}, or an admin, may release it.");
    }

    // Why a resolve or release changed nothing, from the case as it is now.
    private static ProblemHttpResult Unchanged(ReviewCase? current, Guid decisionId, string notHeld) => current switch
    {
        null => TypedResults.Problem(
            statusCode: 404,
            title: "Review case not found",
            detail: $"No review case for decision {decisionId} for this tenant; only referred decisions have one."),
        { Status: "resolved" } => TypedResults.Problem(
            statusCode: 409,
            title: "Review case already resolved",
            detail: $"Decision {decisionId} was already resolved as '{current.FinalOutcome}' at {current.ResolvedAt:O}."),
        _ => TypedResults.Problem(statusCode: 409, title: "Review case not held by this reviewer", detail: notHeld),
    };
}
