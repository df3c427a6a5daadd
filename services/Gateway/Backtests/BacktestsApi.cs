using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Decisioning.Contracts.Scoring.V1;
using Decisioning.Data;
using Decisioning.Policy;
using Gateway.Audit;
using Gateway.Auth;
using Gateway.History;
using Gateway.LoadShedding;
using Gateway.RateLimits;
using Gateway.Replay;
using Grpc.Core;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using CreditScoringContract = Decisioning.Contracts.Scoring.V1.CreditScoring;

namespace Gateway.Backtests;

// An analyst asks what a candidate policy or model would have decided on past decisions; the Workers run it in chunks.
public static class BacktestsApi
{
    private const int DefaultListLimit = 50;
    private const int MaxListLimit = 200;

    private static readonly JsonSerializerOptions FilterJson = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public static RouteGroupBuilder MapBacktestsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/backtests").WithTags("Backtests")
            .RequireAuthorization(Roles.ReadHistoryPolicy)
            .RequireRateLimiting(TenantRateLimits.History)
            .ShedLoadOver(LoadShedder.History);
        group.MapPost("/", CreateBacktest).Produces<BacktestDocument>(StatusCodes.Status202Accepted).WithName("CreateBacktest");
        group.MapGet("/", ListBacktests).WithName("ListBacktests");
        group.MapGet("/{backtestId:guid}", GetBacktest).WithName("GetBacktest");
        group.MapPost("/{backtestId:guid}/cancel", CancelBacktest).WithName("CancelBacktest");
        return group;
    }

    public static async Task<Results<Accepted<BacktestDocument>, ValidationProblem, ProblemHttpResult>> CreateBacktest(
        BacktestRequest request,
        HttpContext context,
        BacktestStore store,
        IOptions<HistoryOptions> options,
        TimeProvider clock,
        CreditScoringContract.CreditScoringClient scoring,
        AuditTrail audit)
    {
        var errors = new Dictionary<string, string[]>();
        var filter = Selection(request, options.Value, clock.GetUtcNow().UtcDateTime, errors);
        var candidate = request.Candidate;
        if (candidate is null || (candidate.PolicyVersion is null && candidate.Model is null))
        {
            errors["candidate"] = ["Name what to try: a 'policyVersion', a 'model' ('name/version'), or both."];
        }
        else
        {
            foreach (var (field, messages) in ReplayVersions.Errors(new ReplayRequest(candidate.PolicyVersion, candidate.Model, null)))
            {
                errors[$"candidate.{field}"] = messages;
            }
        }

        if (errors.Count > 0 || filter is null || candidate is null)
        {
            return TypedResults.ValidationProblem(errors, title: "The backtest request is not valid");
        }

        if (candidate.PolicyVersion is { } policyVersion && !DecisionPolicy.Versions.ContainsKey(policyVersion))
        {
            return UnknownVersion("candidate.policyVersion", $"No policy version '{policyVersion}' exists; known: {string.Join(", ", DecisionPolicy.Versions.Keys.Order(StringComparer.Ordinal))}.");
        }

        var modelVersion = candidate.Model is { } model ? ReplayVersions.ModelVersionOf(model) : null;
        if (modelVersion is not null)
        {
            ListModelsResponse loaded;
            try
            {
                loaded = await scoring.ListModelsAsync(new ListModelsRequest(), new CallOptions(deadline: DateTime.UtcNow.AddSeconds(2), cancellationToken: context.RequestAborted));
            }
            catch (RpcException ex) when (ex.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded)
            {
                context.Response.Headers.RetryAfter = "5";
                return TypedResults.Problem(statusCode: 503, title: "Service unavailable", detail: "The credit-scoring service did not answer; retry later.");
            }

            if (!loaded.ModelVersions.Contains(modelVersion))
            {
                return UnknownVersion("candidate.model", $"No model version '{candidate.Model}' is loaded; loaded: {string.Join(", ", loaded.ModelVersions.Select(ReplayVersions.ModelOf))}.");
            }
        }

        var filters = JsonSerializer.SerializeToNode(filter, FilterJson)!.AsObject();
        filters.Remove("from");
        filters.Remove("to");
        var created = await store.CreateAsync(context.User.TenantId(), filter.From, filter.To, filters.ToJsonString(), candidate.PolicyVersion, modelVersion, context.User.KeyId(), context.RequestAborted);
        await audit.RecordAsync(context, AuditActions.CreateBacktest, $"backtest:{created.BacktestId}");
        return TypedResults.Accepted($"/v1/backtests/{created.BacktestId}", Document(created, clock.GetUtcNow().UtcDateTime));
    }

    public static async Task<Results<Ok<BacktestListDocument>, ValidationProblem>> ListBacktests(int? limit, HttpContext context, BacktestStore store, TimeProvider clock)
    {
        if (limit is < 1 or > MaxListLimit)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = [$"'limit' must be a whole number from 1 to {MaxListLimit}."] });
        }

        var backtests = await store.ListAsync(context.User.TenantId(), limit ?? DefaultListLimit, context.RequestAborted);
        var now = clock.GetUtcNow().UtcDateTime;
        return TypedResults.Ok(new BacktestListDocument([.. backtests.Select(b => Document(b, now))]));
    }

    public static async Task<Results<Ok<BacktestDocument>, ProblemHttpResult>> GetBacktest(Guid backtestId, HttpContext context, BacktestStore store, TimeProvider clock)
    {
        var backtest = await store.FindAsync(context.User.TenantId(), backtestId, context.RequestAborted);
        return backtest is null ? NotFound(backtestId) : TypedResults.Ok(Document(backtest, clock.GetUtcNow().UtcDateTime));
    }

    public static async Task<Results<Ok<BacktestDocument>, ProblemHttpResult>> CancelBacktest(Guid backtestId, HttpContext context, BacktestStore store, TimeProvider clock, AuditTrail audit)
    {
        var tenantId = context.User.TenantId();
        var cancelled = await store.CancelAsync(tenantId, backtestId, context.RequestAborted);
        if (cancelled is null)
        {
            var backtest = await store.FindAsync(tenantId, backtestId, context.RequestAborted);
            return backtest is null
                ? NotFound(backtestId)
                : TypedResults.Problem(statusCode: 409, title: "Backtest already finished", detail: $"Backtest {backtestId} is {backtest.Status}; only a queued or running backtest can be cancelled.");
        }

        await audit.RecordAsync(context, AuditActions.CancelBacktest, $"backtest:{backtestId}");
        return TypedResults.Ok(Document(cancelled, clock.GetUtcNow().UtcDateTime));
    }

    // The request's range and filters, checked as the history API checks its query: the same names, values and limits.
    private static HistoryFilter? Selection(BacktestRequest request, HistoryOptions options, DateTime now, Dictionary<string, string[]> errors)
    {
        var query = new Dictionary<string, StringValues>();
        if (request.From is null)
        {
            errors["from"] = ["'from' is required: the start of the decisions' range (ISO 8601)."];
        }

        if (request.To is null)
        {
            errors["to"] = ["'to' is required: the end of the decisions' range, exclusive (ISO 8601)."];
        }

        query["from"] = request.From;
        query["to"] = request.To;
        foreach (var (name, value) in request.Filters ?? [])
        {
            if (name is "from" or "to")
            {
                errors[$"filters.{name}"] = ["Give 'from' and 'to' beside 'filters', not in them."];
            }
            else if (value.ValueKind is JsonValueKind.String or JsonValueKind.Number)
            {
                query[name] = value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText();
            }
            else
            {
                errors[$"filters.{name}"] = ["A filter's value is a string or a number."];
            }
        }

        var historyErrors = new Dictionary<string, string[]>();
        var parsed = HistoryQuery.Parse(new QueryCollection(query), HistoryKind.Backtest, options, now, historyErrors);
        foreach (var (name, messages) in historyErrors)
        {
            errors[name is "from" or "to" ? name : $"filters.{name}"] = messages;
        }

        return errors.Count == 0 ? parsed?.Filter : null;
    }

    private static BacktestDocument Document(BacktestRecord backtest, DateTime now)
    {
        double? eta = null;
        if (backtest is { Status: "running", StartedAt: { } started, Total: { } total } && backtest.Processed > 0)
        {
            var elapsed = (now - started).TotalSeconds;
            eta = Math.Round(Math.Max(0, elapsed / backtest.Processed * (total - backtest.Processed)), 1);
        }

        using var filters = JsonDocument.Parse(backtest.Filters);
        using var result = backtest.Result is null ? null : JsonDocument.Parse(backtest.Result);
        return new BacktestDocument(
            backtest.BacktestId,
            backtest.Status,
            backtest.RangeFrom,
            backtest.RangeTo,
            filters.RootElement.Clone(),
            new BacktestCandidate(backtest.CandidatePolicyVersion, backtest.CandidateModelVersion is { } model ? ReplayVersions.ModelOf(model) : null),
            new BacktestProgress(backtest.Processed, backtest.Total, backtest.StartedAt, eta),
            backtest.CreatedAt,
            backtest.FinishedAt,
            backtest.Error,
            result?.RootElement.Clone());
    }

    private static ProblemHttpResult UnknownVersion(string field, string detail) =>
        TypedResults.Problem(statusCode: 422, title: "Unknown version", detail: detail, extensions: new Dictionary<string, object?> { ["field"] = field });

    private static ProblemHttpResult NotFound(Guid backtestId) =>
        TypedResults.Problem(statusCode: 404, title: "Backtest not found", detail: $"No backtest {backtestId} for this tenant.");
}
