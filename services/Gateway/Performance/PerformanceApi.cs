using System.Text.RegularExpressions;
using Decisioning.Data;
using Decisioning.Policy.Performance;
using Gateway.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gateway.Performance;

public static partial class PerformanceApi
{
    public static RouteGroupBuilder MapPerformanceApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/models").WithTags("Models").RequireAuthorization(Roles.ReadModelPerformancePolicy);

        group.MapGet("/{name}/performance", GetPerformance)
            .WithName("GetModelPerformance");

        return group;
    }

    public static async Task<Results<Ok<ModelPerformanceDocument>, ValidationProblem, ProblemHttpResult>> GetPerformance(
        string name, string? from, string? to, HttpContext context, OutcomeStore store)
    {
        var errors = new Dictionary<string, string[]>();
        if (!PerformanceRange.TryParseRange(from, to, errors, out var start, out var end))
        {
            return TypedResults.ValidationProblem(errors, title: "The request is not valid");
        }

        // Versions are "<name>-<version>" with no dash in the version, so "german" does not match "german-scorecard-1".
        var tenantId = context.User.TenantId();
        var prefix = name + "-";
        if (!ModelName().IsMatch(name) || !await store.IsModelKnownAsync(tenantId, prefix, context.RequestAborted))
        {
            return TypedResults.Problem(statusCode: 404, title: "Model not found", detail: $"No decision of this tenant was scored by a model named '{name}'.");
        }

        var observed = await store.FindObservedAsync(tenantId, prefix, start, end, context.RequestAborted);
        var versions = observed
            .GroupBy(o => o.ModelVersion)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => ModelVersionPerformance.From(g.Key, ModelPerformance.Evaluate(
                g.Select(o => new ScoredOutcome(o.Pd, o.Grade ?? "", o.OutcomeStatus is "defaulted" or "charged_off")).ToList())))
            .ToList();
        return TypedResults.Ok(new ModelPerformanceDocument(name, start, end, versions));
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,99}\\z")]
    private static partial Regex ModelName();
}
