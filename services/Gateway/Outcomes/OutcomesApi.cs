using Decisioning.Data;
using Gateway.Audit;
using Gateway.Auth;
using Gateway.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Gateway.Outcomes;

public static class OutcomesApi
{
    // A full batch of 1,000 rows is about 100 KB; the decision path keeps its much smaller limit.
    public const int MaxBodyBytes = 256 * 1024;

    public static RouteGroupBuilder MapOutcomesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/outcomes").WithTags("Outcomes").RequireAuthorization(Roles.RecordOutcomesPolicy);

        group.MapPost("/", RecordOutcomes)
            .AddEndpointFilter<ValidationFilter<OutcomeBatchRequest>>()
            .WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes))
            .WithName("RecordOutcomes");

        return group;
    }

    // Rows are judged one by one: invalid and unknown rows are reported without failing the others.
    public static async Task<Ok<OutcomeBatchReport>> RecordOutcomes(OutcomeBatchRequest request, HttpContext context, OutcomeStore store, OutcomeRowValidator validator, AuditTrail audit)
    {
        var rows = request.Outcomes!;
        var reports = new OutcomeRowReport?[rows.Count];
        var valid = new List<LoanOutcome>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i] is not { } row)
            {
                reports[i] = new OutcomeRowReport(i, "invalid", null, "The row is null.");
                continue;
            }

            var result = validator.Validate(row);
            if (!result.IsValid)
            {
                reports[i] = new OutcomeRowReport(i, "invalid", null, string.Join(" ", result.Errors.Select(e => e.ErrorMessage).Distinct()));
                continue;
            }

            OutcomeRowValidator.TryParseDate(row.ObservedAt, out var observedAt);
            Guid? decisionId = string.IsNullOrEmpty(row.DecisionId) ? null : Guid.Parse(row.DecisionId);
            valid.Add(new LoanOutcome(i, decisionId, decisionId is null ? row.ApplicationId : null, row.Status!, observedAt));
        }

        foreach (var recorded in await store.RecordAsync(context.User.TenantId(), valid, context.RequestAborted))
        {
            var error = recorded.Status == "not_found" ? "No decision of this tenant has this id or application id." : null;
            reports[recorded.Index] = new OutcomeRowReport(recorded.Index, recorded.Status, recorded.DecisionId, error);
        }

        var counts = reports.GroupBy(r => r!.Status).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key}={g.Count()}");
        await audit.RecordAsync(context, AuditActions.RecordOutcomes, $"rows={rows.Count} {string.Join(' ', counts)}".TrimEnd());
        return TypedResults.Ok(new OutcomeBatchReport(reports.Select(r => r!).ToList()));
    }
}
