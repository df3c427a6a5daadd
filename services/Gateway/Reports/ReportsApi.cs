using System.Text.RegularExpressions;
using Decisioning.Data;
using Gateway.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gateway.Reports;

// What the Worker's monitoring jobs computed, for analysts: a model's drift and approval rates by age band.
public static partial class ReportsApi
{
    public static IEndpointRouteBuilder MapReportsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/models/{name}/drift", GetDrift).WithTags("Models").RequireAuthorization(Roles.ReadModelPerformancePolicy).WithName("GetModelDrift");
        app.MapGet("/v1/reports/fairness", GetFairness).WithTags("Reports").RequireAuthorization(Roles.ReadModelPerformancePolicy).WithName("GetFairnessReport");
        return app;
    }

    public static async Task<Results<Ok<DriftDocument>, ValidationProblem>> GetDrift(string name, string? from, string? to, HttpContext context, MonitoringReportStore store, TimeProvider clock)
    {
        var errors = new Dictionary<string, string[]>();
        if (!ModelName().IsMatch(name))
        {
            errors["name"] = ["A model name is 1 to 64 lower-case letters, digits or '-', for example 'german-scorecard'."];
        }

        var range = ReportRange.Parse(from, to, clock.GetUtcNow().UtcDateTime, errors);
        if (range is not { } days || errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The drift query is not valid");
        }

        var rows = await store.DriftAsync(context.User.TenantId(), name, days.From, days.To, context.RequestAborted);
        return TypedResults.Ok(new DriftDocument(name, DateOnly.FromDateTime(days.From), DateOnly.FromDateTime(days.To.AddDays(-1)), DriftReport.Threshold, DriftReport.Days(rows)));
    }

    public static async Task<Results<Ok<FairnessDocument>, ValidationProblem>> GetFairness(string? from, string? to, HttpContext context, MonitoringReportStore store, TimeProvider clock)
    {
        var errors = new Dictionary<string, string[]>();
        if (ReportRange.Parse(from, to, clock.GetUtcNow().UtcDateTime, errors) is not { } days)
        {
            return TypedResults.ValidationProblem(errors, title: "The fairness query is not valid");
        }

        var rows = await store.FairnessAsync(context.User.TenantId(), days.From, days.To, context.RequestAborted);
        var byDay = rows.GroupBy(r => r.Day).OrderBy(g => g.Key).Select(g => new FairnessDayDocument(g.Key, FairnessReport.Compare(g))).ToList();
        return TypedResults.Ok(new FairnessDocument(DateOnly.FromDateTime(days.From), DateOnly.FromDateTime(days.To.AddDays(-1)), FairnessReport.FourFifths, FairnessReport.Compare(rows), byDay));
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex ModelName();
}
