using System.Text.Json;
using Decisioning.Contracts.Scoring.V1;
using Decisioning.Data;
using Decisioning.Policy;
using Gateway.Auth;
using Gateway.Performance;
using Grpc.Core;
using Microsoft.AspNetCore.Http.HttpResults;
using CreditScoringContract = Decisioning.Contracts.Scoring.V1.CreditScoring;

namespace Gateway.Models;

// The models CreditScoring serves (with their cross-validated metrics), and how each challenger compares
// with the champion on the tenant's own decisions.
public static class ModelsApi
{
    public static RouteGroupBuilder MapModelsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/models").WithTags("Models").RequireAuthorization(Roles.ReadModelPerformancePolicy);
        group.MapGet("/", ListModels).WithName("ListModels");
        group.MapGet("/{champion}/comparison/{challenger}", CompareChallenger).WithName("CompareChallenger");
        return group;
    }

    public static async Task<Results<Ok<ModelListDocument>, ProblemHttpResult>> ListModels(CreditScoringContract.CreditScoringClient scoring, HttpContext context)
    {
        ListModelsResponse response;
        try
        {
            response = await scoring.ListModelsAsync(new ListModelsRequest(), new CallOptions(deadline: DateTime.UtcNow.AddSeconds(2), cancellationToken: context.RequestAborted));
        }
        catch (RpcException ex) when (ex.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded)
        {
            context.Response.Headers.RetryAfter = "5";
            return TypedResults.Problem(statusCode: 503, title: "Service unavailable", detail: "The credit-scoring service did not answer; retry later.");
        }

        var models = response.Models.Select(m => new ModelDocument(
            m.Name, m.Version, m.ModelVersion, m.Kind, m.Role, JsonDocument.Parse(m.MetricsJson).RootElement.Clone(), m.LoadedAt, m.FilesSha256)).ToList();
        return TypedResults.Ok(new ModelListDocument(models));
    }

    public static async Task<Results<Ok<ChallengerComparisonDocument>, ValidationProblem>> CompareChallenger(
        string champion, string challenger, string? from, string? to, HttpContext context, ChallengerStore store, DecisionPolicy policy)
    {
        var errors = new Dictionary<string, string[]>();
        if (!PerformanceRange.TryParseRange(from, to, errors, out var start, out var end))
        {
            return TypedResults.ValidationProblem(errors, title: "The comparison query is not valid");
        }

        var comparison = await store.CompareAsync(context.User.TenantId(), champion, challenger,
            start ?? DateTime.UnixEpoch, end ?? DateTime.UtcNow.AddDays(1), policy.ApproveBelowPd, policy.DeclineFromPd, context.RequestAborted);
        return TypedResults.Ok(new ChallengerComparisonDocument(champion, challenger, policy.Version, comparison));
    }
}
