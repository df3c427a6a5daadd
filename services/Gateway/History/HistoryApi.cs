using System.Globalization;
using System.Text;
using System.Text.Json;
using Decisioning.Data;
using Gateway.Audit;
using Gateway.Auth;
using Gateway.LoadShedding;
using Gateway.RateLimits;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Gateway.History;

// The decision history of the caller's tenant: keyset-paged list, statistics and a streamed CSV export.
public static class HistoryApi
{
    public static RouteGroupBuilder MapHistoryApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/decisions").WithTags("History").RequireAuthorization(Roles.ReadHistoryPolicy).RequireRateLimiting(TenantRateLimits.History).ShedLoadOver(LoadShedder.History);
        // The page and the export are streamed, so their shapes are declared here.
        group.MapGet("/", ListDecisions).Produces<HistoryPageDocument>().WithName("ListDecisions");
        group.MapGet("/stats", DecisionStats).WithName("DecisionStats");
        group.MapGet("/export", ExportDecisions).Produces<string>(contentType: "text/csv").WithName("ExportDecisions");
        return group;
    }

    public static async Task<Results<EmptyHttpResult, ValidationProblem>> ListDecisions(
        HttpContext context, DecisionHistoryStore store, HistoryCursor cursors, IOptions<HistoryOptions> options, TimeProvider clock, AuditTrail audit)
    {
        var errors = new Dictionary<string, string[]>();
        var query = HistoryQuery.Parse(context.Request.Query, HistoryKind.List, options.Value, clock.GetUtcNow().UtcDateTime, errors);
        var tenantId = context.User.TenantId();
        HistoryPosition? after = null;
        if (query?.Cursor is { } cursor)
        {
            if (cursors.TryDecode(cursor, query.Hash(tenantId), out var position))
            {
                after = position;
            }
            else
            {
                errors["cursor"] = ["'cursor' is not a cursor this query returned: it was edited, or the filters changed."];
            }
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The history query is not valid");
        }

        // The read is audited while it runs; both must succeed before anything is answered.
        var audited = audit.RecordReadAsync(context, AuditActions.ListDecisions, AuditTrail.QuerySummary(query!.Filter, limit: query.Limit, nextPage: after is not null));
        var read = store.ListAsync(tenantId, query.Filter, after, query.Limit, context.RequestAborted);
        await Task.WhenAll(audited, read);
        var page = await read;

        // The stored documents are written as they are, so every item is exactly what POST returned; the page
        // goes straight to the response's pipe, never through one large buffer.
        context.Response.ContentType = "application/json";
        await using (var json = new Utf8JsonWriter(context.Response.BodyWriter))
        {
            json.WriteStartObject();
            json.WriteStartArray("items");
            foreach (var document in page.Documents)
            {
                json.WriteRawValue(document, skipInputValidation: true);
            }

            json.WriteEndArray();
            if (page.Next is { } next)
            {
                json.WriteString("nextCursor", cursors.Encode(next, query.Hash(tenantId)));
            }
            else
            {
                json.WriteNull("nextCursor");
            }

            json.WriteEndObject();
        }

        await context.Response.BodyWriter.FlushAsync(context.RequestAborted);
        return TypedResults.Empty;
    }

    public static async Task<Results<Ok<HistoryStatsResponse>, ValidationProblem>> DecisionStats(
        HttpContext context, DecisionHistoryStore store, IOptions<HistoryOptions> options, TimeProvider clock, AuditTrail audit)
    {
        var errors = new Dictionary<string, string[]>();
        var query = HistoryQuery.Parse(context.Request.Query, HistoryKind.Stats, options.Value, clock.GetUtcNow().UtcDateTime, errors);
        if (query is null)
        {
            return TypedResults.ValidationProblem(errors, title: "The statistics query is not valid");
        }

        await audit.RecordReadAsync(context, AuditActions.DecisionStats, AuditTrail.QuerySummary(query.Filter, groupBy: query.GroupBy));
        var groups = await store.StatsAsync(context.User.TenantId(), query.Filter, query.GroupBy!, context.RequestAborted);
        return TypedResults.Ok(new HistoryStatsResponse(query.GroupBy!, groups));
    }

    public static async Task<Results<EmptyHttpResult, ValidationProblem>> ExportDecisions(
        HttpContext context, DecisionHistoryStore store, IOptions<HistoryOptions> options, TimeProvider clock, AuditTrail audit, ILoggerFactory loggers)
    {
        var errors = new Dictionary<string, string[]>();
        var query = HistoryQuery.Parse(context.Request.Query, HistoryKind.Export, options.Value, clock.GetUtcNow().UtcDateTime, errors);
        if (query is null)
        {
            return TypedResults.ValidationProblem(errors, title: "The export query is not valid");
        }

        var tenantId = context.User.TenantId();
        var maxRows = options.Value.MaxExportRows;
        if (await store.CountUpToAsync(tenantId, query.Filter, maxRows + 1, context.RequestAborted) > maxRows)
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["to"] = [$"The export would hold more than {maxRows} decisions; narrow 'from' and 'to' or add filters."] },
                title: "The export is too large");
        }

        await audit.RecordReadAsync(context, AuditActions.ExportDecisions, AuditTrail.QuerySummary(query.Filter));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        timeout.CancelAfter(TimeSpan.FromSeconds(options.Value.ExportTimeoutSeconds));
        try
        {
            await WriteCsvAsync(context, store.ExportAsync(tenantId, query.Filter, maxRows, timeout.Token), timeout.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !context.RequestAborted.IsCancellationRequested)
        {
            // The status line is long gone: cutting the connection is how the client learns the file is incomplete.
            loggers.CreateLogger(typeof(HistoryApi)).LogWarning("Export cut off after {Seconds} s", options.Value.ExportTimeoutSeconds);
            context.Abort();
        }

        return TypedResults.Empty;
    }

    private static async Task WriteCsvAsync(HttpContext context, IAsyncEnumerable<object?[]> rowsToWrite, CancellationToken cancellationToken)
    {
        var response = context.Response;
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = "attachment; filename=\"decisions.csv\"";
        await using var writer = new StreamWriter(response.Body, new UTF8Encoding(false), bufferSize: 16 * 1024);
        await writer.WriteLineAsync(string.Join(',', DecisionHistoryStore.ExportColumns));
        var rows = 0;
        var line = new StringBuilder(256);
        await foreach (var row in rowsToWrite.WithCancellation(cancellationToken))
        {
            line.Clear();
            for (var i = 0; i < row.Length; i++)
            {
                if (i > 0)
                {
                    line.Append(',');
                }

                AppendCsv(line, row[i]);
            }

            await writer.WriteLineAsync(line, cancellationToken);
            if (++rows % 1000 == 0)
            {
                await writer.FlushAsync(cancellationToken);
            }
        }

        await writer.FlushAsync(cancellationToken);
    }

    private static void AppendCsv(StringBuilder line, object? value)
    {
        var text = value switch
        {
            null => "",
            DateTime time => time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };

        // RFC 4180 quoting; a leading formula character is neutralised so a spreadsheet shows it as text.
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@' && value is string)
        {
            text = "'" + text;
        }

        if (text.AsSpan().IndexOfAny(",\"\r\n") >= 0)
        {
            line.Append('"').Append(text.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
        }
        else
        {
            line.Append(text);
        }
    }
}
