using System.Text.Json;
using System.Text.RegularExpressions;
using Decisioning.Contracts.Scoring.V1;
using Decisioning.Data;
using Decisioning.Policy;
using Gateway.Auth;
using Gateway.Performance;
using Grpc.Core;
using Microsoft.AspNetCore.Http.HttpResults;
using CreditScoringContract = Decisioning.Contracts.Scoring.V1.CreditScoring;

namespace Gateway.Models;

// The models CreditScoring serves (with their cross-validated metrics), their model cards, and how each
// challenger compares with the champion on the tenant's own decisions.
public static partial class ModelsApi
{
    public static RouteGroupBuilder MapModelsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/models").WithTags("Models").RequireAuthorization(Roles.ReadModelPerformancePolicy);
        group.MapGet("/", ListModels).WithName("ListModels");
        group.MapGet("/{champion}/comparison/{challenger}", CompareChallenger).WithName("CompareChallenger");
        group.MapGet("/{name}/{version}/card", GetModelCard).WithName("GetModelCard");
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
            return ScoringUnavailable(context);
        }

        var models = response.Models.Select(m => new ModelDocument(
            m.Name, m.Version, m.ModelVersion, m.Kind, m.Role, JsonDocument.Parse(m.MetricsJson).RootElement.Clone(), m.LoadedAt, m.FilesSha256)).ToList();
        return TypedResults.Ok(new ModelListDocument(models));
    }

    // The card the model version's training wrote (card.json), as CreditScoring reads it from its models folder.
    public static async Task<Results<Ok<JsonElement>, ValidationProblem, ProblemHttpResult>> GetModelCard(
        string name, string version, CreditScoringContract.CreditScoringClient scoring, HttpContext context)
    {
        var errors = new Dictionary<string, string[]>();
        foreach (var (field, value) in new[] { ("name", name), ("version", version) })
        {
            if (!FolderName().IsMatch(value))
            {
                errors[field] = ["Letters, digits, '.', '_' and '-' only, starting with a letter or digit, at most 100."];
            }
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "Not a model name and version");
        }

        ModelCardResponse response;
        try
        {
            response = await scoring.GetModelCardAsync(new ModelCardRequest { Name = name, Version = version },
                new CallOptions(deadline: DateTime.UtcNow.AddSeconds(2), cancellationToken: context.RequestAborted));
        }
        catch (RpcException ex) when (ex.StatusCode is StatusCode.NotFound)
        {
            return TypedResults.Problem(statusCode: 404, title: "Model card not found", detail: $"No card for model '{name}' version '{version}'.");
        }
        catch (RpcException ex) when (ex.StatusCode is StatusCode.InvalidArgument)
        {
            return TypedResults.Problem(statusCode: 400, title: "Not a model name and version", detail: ex.Status.Detail);
        }
        catch (RpcException ex) when (ex.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded)
        {
            return ScoringUnavailable(context);
        }

        using var card = JsonDocument.Parse(response.CardJson);
        return TypedResults.Ok(card.RootElement.Clone());
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

    private static ProblemHttpResult ScoringUnavailable(HttpContext context)
    {
        context.Response.Headers.RetryAfter = "5";
        return TypedResults.Problem(statusCode: 503, title: "Service unavailable", detail: "The credit-scoring service did not answer; retry later.");
    }

    // The same rule CreditScoring applies before it uses them as folder names.
    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}\z")]
    private static partial Regex FolderName();
}
