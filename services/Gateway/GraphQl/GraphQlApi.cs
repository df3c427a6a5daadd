using System.Text.Json;
using GraphQL;
using GraphQL.Execution;
using GraphQL.SystemTextJson;
using GraphQL.Transport;
using GraphQL.Validation;
using GraphQL.Validation.Complexity;
using GraphQL.Validation.Rules.Custom;
using GraphQLParser.AST;
using Gateway.Auth;
using Gateway.LoadShedding;
using Gateway.RateLimits;
using Npgsql;

namespace Gateway.GraphQl;

// POST /graphql: the history, single decisions, statistics and models as one GraphQL read API beside REST, for
// the roles that read history (analyst, admin), under the history's rate limit and load shedding, audited per field.
// GraphQL over HTTP: a request that never executes (unreadable, too large, invalid, over a limit) is 4xx with an
// 'errors' array and no 'data'; once it executes the answer is 200, field errors beside the data.
public static class GraphQlApi
{
    public const string Path = "/graphql";

    /// <summary>The largest request body read, in bytes.</summary>
    public const int MaxBodyBytes = 16 * 1024;

    /// <summary>The longest query document, in characters.</summary>
    public const int MaxQueryLength = 8_000;

    /// <summary>
    /// The deepest selection. The schema's own types nest at most 5 deep; introspection nests deeper (the usual
    /// introspection queries are 13 to 15 deep), so the limit is set by it.
    /// </summary>
    public const int MaxDepth = 15;

    /// <summary>
    /// The largest complexity: every field counts 1, a page's fields once per decision it may hold, a review 10 more;
    /// one page of 500 with every field is about 40,000.
    /// </summary>
    public const int MaxComplexity = 50_000;

    public const string GraphQlResponseMediaType = "application/graphql-response+json";

    /// <summary>The standard validation rules and the depth and complexity limits.</summary>
    public static readonly IReadOnlyList<IValidationRule> ValidationRules =
        [.. DocumentValidator.CoreRules, new ComplexityValidationRule(new ComplexityOptions { MaxDepth = MaxDepth, MaxComplexity = MaxComplexity })];

    private static readonly GraphQLSerializer Serializer = new(
        options => options.MaxDepth = 32,
        new ErrorInfoProvider(options => options.ExposeExceptionDetails = false));

    public static WebApplicationBuilder AddGraphQlApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<DecisioningSchema>();
        // Root fields one after another: their audit rows follow the query's order, and a request holds one
        // database connection at a time.
        builder.Services.AddSingleton<IDocumentExecuter>(new DocumentExecuter(
            new GraphQLDocumentBuilder(),
            new DocumentValidator(),
            new DefaultExecutionStrategySelector([new ExecutionStrategyRegistration(new SerialExecutionStrategy(), OperationType.Query)]),
            []));
        return builder;
    }

    public static RouteHandlerBuilder MapGraphQlApi(this IEndpointRouteBuilder app) =>
        app.MapPost(Path, ExecuteAsync)
            .WithTags("GraphQL")
            .WithName("GraphQL")
            .RequireAuthorization(Roles.ReadHistoryPolicy)
            .RequireRateLimiting(TenantRateLimits.History)
            .ShedLoadOver(LoadShedder.History)
            // No Accepts metadata: routing would refuse another content type with a bare 415, before the handler can
            // answer with a GraphQL errors array.
            .WithDescription("A GraphQL query as application/json: {\"query\", \"variables\", \"operationName\"}. Queries only.")
            .Produces(StatusCodes.Status200OK, contentType: GraphQlResponseMediaType)
            .Produces(StatusCodes.Status400BadRequest, contentType: GraphQlResponseMediaType);

    public static async Task ExecuteAsync(HttpContext context, DecisioningSchema schema, IDocumentExecuter executer, ILoggerFactory loggers)
    {
        var (request, status, error) = await ReadRequestAsync(context.Request, context.RequestAborted);
        if (request is null)
        {
            await WriteAsync(context, status, new ExecutionResult { Errors = [new ExecutionError(error!) { Code = "BAD_REQUEST" }] });
            return;
        }

        var logger = loggers.CreateLogger(typeof(GraphQlApi));
        var result = await executer.ExecuteAsync(new ExecutionOptions
        {
            Schema = schema,
            Query = request.Query,
            OperationName = request.OperationName,
            Variables = request.Variables,
            UserContext = new GraphQlUserContext(context),
            User = context.User,
            RequestServices = context.RequestServices,
            CancellationToken = context.RequestAborted,
            ValidationRules = ValidationRules,
            UnhandledExceptionDelegate = failure =>
            {
                // The type and the field only: a message may quote applicant data. The caller learns no more than REST's
                // problems say: the store is unavailable (retry), or the field failed.
                logger.LogError("GraphQL field {Field} failed: {Error}", failure.FieldContext?.ResponsePath is { } path ? string.Join('.', path) : "(document)", failure.OriginalException.GetType().Name);
                failure.Exception = failure.OriginalException is NpgsqlException or TimeoutException
                    ? new ExecutionError("The decision store is unavailable; retry later.") { Code = "SERVICE_UNAVAILABLE" }
                    : new ExecutionError("The field could not be read; it can be retried.") { Code = "INTERNAL_ERROR" };
                return Task.CompletedTask;
            },
        });

        context.RequestAborted.ThrowIfCancellationRequested();
        await WriteAsync(context, result.Executed ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest, result);
    }

    /// <summary>The request, or the status and message of why it cannot be run.</summary>
    public static async Task<(GraphQLRequest? Request, int Status, string? Error)> ReadRequestAsync(HttpRequest http, CancellationToken cancellationToken)
    {
        if (http.ContentType is null || !http.ContentType.Split(';')[0].Trim().Equals("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, StatusCodes.Status415UnsupportedMediaType, "Send the request as 'Content-Type: application/json' with {\"query\", \"variables\", \"operationName\"}.");
        }

        if (http.ContentLength > MaxBodyBytes)
        {
            return (null, StatusCodes.Status413PayloadTooLarge, $"The request body may be at most {MaxBodyBytes} bytes.");
        }

        using var body = new MemoryStream();
        try
        {
            var buffer = new byte[4096];
            int read;
            while ((read = await http.Body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                if (body.Length + read > MaxBodyBytes)
                {
                    return (null, StatusCodes.Status413PayloadTooLarge, $"The request body may be at most {MaxBodyBytes} bytes.");
                }

                body.Write(buffer, 0, read);
            }
        }
        catch (BadHttpRequestException bad)
        {
            return (null, bad.StatusCode, bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? $"The request body may be at most {MaxBodyBytes} bytes." : "The request body could not be read.");
        }

        return Parse(body.GetBuffer().AsMemory(0, (int)body.Length));
    }

    /// <summary>A GraphQL-over-HTTP request body, checked before anything runs.</summary>
    public static (GraphQLRequest? Request, int Status, string? Error) Parse(ReadOnlyMemory<byte> body)
    {
        GraphQLRequest? request;
        try
        {
            // The whole body is one JSON value: anything after it (a second object, a stray byte) is refused, as REST does.
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 32 });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, StatusCodes.Status400BadRequest, "The body must be a JSON object: {\"query\", \"variables\", \"operationName\"}.");
            }

            request = Serializer.ReadNode<GraphQLRequest>(document.RootElement);
        }
        catch (JsonException)
        {
            return (null, StatusCodes.Status400BadRequest, "The body is not valid JSON, or 'variables' is not a JSON object.");
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or NotSupportedException or OverflowException)
        {
            return (null, StatusCodes.Status400BadRequest, "The body's members have values of the wrong type: 'query' and 'operationName' are strings, 'variables' an object.");
        }

        if (request is null || string.IsNullOrWhiteSpace(request.Query))
        {
            return (null, StatusCodes.Status400BadRequest, "'query' is required: a GraphQL query document.");
        }

        if (request.Query.Length > MaxQueryLength)
        {
            return (null, StatusCodes.Status400BadRequest, $"'query' may be at most {MaxQueryLength} characters.");
        }

        return (request, StatusCodes.Status200OK, null);
    }

    /// <summary>
    /// The media type of the answer: application/graphql-response+json unless the client accepts only application/json.
    /// The status codes are the same for both.
    /// </summary>
    public static string ResponseMediaType(string? accept)
    {
        if (string.IsNullOrWhiteSpace(accept) || accept.Contains(GraphQlResponseMediaType, StringComparison.OrdinalIgnoreCase) || accept.Contains("*/*", StringComparison.Ordinal))
        {
            return GraphQlResponseMediaType;
        }

        return accept.Contains("application/json", StringComparison.OrdinalIgnoreCase) ? "application/json" : GraphQlResponseMediaType;
    }

    private static async Task WriteAsync(HttpContext context, int status, ExecutionResult result)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = ResponseMediaType(context.Request.Headers.Accept) + "; charset=utf-8";
        await Serializer.WriteAsync(context.Response.Body, result, context.RequestAborted);
    }
}
