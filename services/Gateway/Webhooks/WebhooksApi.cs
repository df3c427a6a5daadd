using System.Buffers.Binary;
using System.Buffers.Text;
using System.Diagnostics;
using Decisioning.Data;
using Decisioning.Webhooks;
using Gateway.Audit;
using Gateway.Auth;
using Gateway.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Gateway.Webhooks;

// An admin manages where the tenant's events are delivered, and watches and redrives the deliveries.
public static class WebhooksApi
{
    private const int DefaultPageSize = 50;
    private const int MaxPageSize = 200;
    private static readonly string[] Statuses = ["pending", "failed", "delivered", "dead"];

    public static RouteGroupBuilder MapWebhooksApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/webhooks").WithTags("Webhooks").RequireAuthorization(Roles.AdminPolicy);
        group.MapPost("/", CreateWebhook).AddEndpointFilter<ValidationFilter<CreateWebhookRequest>>().WithName("CreateWebhook");
        group.MapGet("/", ListWebhooks).WithName("ListWebhooks");
        group.MapGet("/{webhookId:guid}", GetWebhook).WithName("GetWebhook");
        group.MapDelete("/{webhookId:guid}", DeleteWebhook).WithName("DeleteWebhook");
        group.MapPost("/{webhookId:guid}/rotate-secret", RotateSecret).WithName("RotateWebhookSecret");
        group.MapGet("/{webhookId:guid}/deliveries", ListDeliveries).WithName("ListWebhookDeliveries");
        group.MapPost("/{webhookId:guid}/deliveries/{deliveryId:guid}/redrive", Redrive).WithName("RedriveWebhookDelivery");
        group.MapPost("/{webhookId:guid}/test", SendTest).WithName("TestWebhook");
        return group;
    }

    public static async Task<Results<Created<CreatedWebhookDocument>, ValidationProblem, ProblemHttpResult>> CreateWebhook(
        CreateWebhookRequest request, HttpContext context, WebhookStore store, IOptions<WebhookOptions> options, AuditTrail audit)
    {
        var url = new Uri(request.Url!, UriKind.Absolute);
        if (await WebhookAddressGuard.RefusalAsync(url, options.Value.AllowedHosts, context.RequestAborted) is { } refusal)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["url"] = [refusal] }, title: "The request is not valid");
        }

        var secret = WebhookSignature.NewSecret();
        var events = request.Events!;
        var endpoint = await store.CreateAsync(context.User.TenantId(), url.AbsoluteUri, events, request.Description, secret, options.Value.MaxEndpointsPerTenant, context.RequestAborted);
        if (endpoint is null)
        {
            return TypedResults.Problem(
                statusCode: 409,
                title: "Too many webhook endpoints",
                detail: $"A tenant has at most {options.Value.MaxEndpointsPerTenant} webhook endpoints; delete one first.");
        }

        await audit.RecordAsync(context, AuditActions.CreateWebhook, $"webhook:{endpoint.EndpointId}");
        return TypedResults.Created(
            $"/v1/webhooks/{endpoint.EndpointId}",
            new CreatedWebhookDocument(endpoint.EndpointId, endpoint.Url, endpoint.Events, endpoint.Description, secret, endpoint.CreatedAt));
    }

    public static async Task<Ok<WebhookListDocument>> ListWebhooks(HttpContext context, WebhookStore store)
    {
        var endpoints = await store.ListAsync(context.User.TenantId(), context.RequestAborted);
        return TypedResults.Ok(new WebhookListDocument(endpoints.Select(WebhookDocument.From).ToList()));
    }

    public static async Task<Results<Ok<WebhookDocument>, ProblemHttpResult>> GetWebhook(Guid webhookId, HttpContext context, WebhookStore store) =>
        await store.FindAsync(context.User.TenantId(), webhookId, context.RequestAborted) is { } endpoint
            ? TypedResults.Ok(WebhookDocument.From(endpoint))
            : NotFound(webhookId);

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteWebhook(Guid webhookId, HttpContext context, WebhookStore store, AuditTrail audit)
    {
        if (!await store.DeleteAsync(context.User.TenantId(), webhookId, context.RequestAborted))
        {
            return NotFound(webhookId);
        }

        await audit.RecordAsync(context, AuditActions.DeleteWebhook, $"webhook:{webhookId}");
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<RotatedSecretDocument>, ProblemHttpResult>> RotateSecret(
        Guid webhookId, HttpContext context, WebhookStore store, IOptions<WebhookOptions> options, TimeProvider clock, AuditTrail audit)
    {
        var secret = WebhookSignature.NewSecret();
        var validFor = TimeSpan.FromHours(options.Value.PreviousSecretValidHours);
        if (!await store.RotateSecretAsync(context.User.TenantId(), webhookId, secret, validFor, context.RequestAborted))
        {
            return NotFound(webhookId);
        }

        await audit.RecordAsync(context, AuditActions.RotateWebhookSecret, $"webhook:{webhookId}");
        return TypedResults.Ok(new RotatedSecretDocument(webhookId, secret, clock.GetUtcNow().UtcDateTime + validFor));
    }

    public static async Task<Results<Ok<DeliveryPageDocument>, ValidationProblem, ProblemHttpResult>> ListDeliveries(
        Guid webhookId, string? status, int? limit, string? cursor, HttpContext context, WebhookStore store)
    {
        var errors = new Dictionary<string, string[]>();
        if (status is not null && !Statuses.Contains(status, StringComparer.Ordinal))
        {
            errors["status"] = [$"'status' must be one of {string.Join(", ", Statuses)}."];
        }

        if (limit is < 1 or > MaxPageSize)
        {
            errors["limit"] = [$"'limit' must be between 1 and {MaxPageSize}."];
        }

        (DateTime, Guid)? before = null;
        if (cursor is not null)
        {
            if (DecodeCursor(cursor) is { } position)
            {
                before = position;
            }
            else
            {
                errors["cursor"] = ["'cursor' is not a cursor this API returned; start again without it."];
            }
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The request is not valid");
        }

        var tenantId = context.User.TenantId();
        if (await store.FindAsync(tenantId, webhookId, context.RequestAborted) is null)
        {
            return NotFound(webhookId);
        }

        var size = limit ?? DefaultPageSize;
        var deliveries = await store.ListDeliveriesAsync(tenantId, webhookId, status, before, size + 1, context.RequestAborted);
        var page = deliveries.Take(size).ToList();
        var next = deliveries.Count > size ? EncodeCursor(page[^1].CreatedAt, page[^1].DeliveryId) : null;
        return TypedResults.Ok(new DeliveryPageDocument(page, next));
    }

    public static async Task<Results<Accepted<AcceptedDeliveryDocument>, ProblemHttpResult>> Redrive(
        Guid webhookId, Guid deliveryId, HttpContext context, WebhookStore store, AuditTrail audit)
    {
        var (result, eventId) = await store.RedriveAsync(context.User.TenantId(), webhookId, deliveryId, context.RequestAborted);
        switch (result)
        {
            case WebhookRedrive.Redriven:
                await audit.RecordAsync(context, AuditActions.RedriveWebhookDelivery, $"webhook:{webhookId} delivery:{deliveryId}");
                return TypedResults.Accepted($"/v1/webhooks/{webhookId}/deliveries", new AcceptedDeliveryDocument(deliveryId, eventId, "pending"));
            case WebhookRedrive.NotDead:
                return TypedResults.Problem(statusCode: 409, title: "Delivery is not dead", detail: "Only a dead delivery can be redriven; this one is delivered or still being tried.");
            case WebhookRedrive.EndpointInactive:
                return TypedResults.Problem(statusCode: 409, title: "Endpoint disabled", detail: "The endpoint was deleted or disabled (it answered 410 Gone); create a new one.");
            default:
                return TypedResults.Problem(statusCode: 404, title: "Delivery not found", detail: $"No delivery {deliveryId} of webhook {webhookId} for this tenant.");
        }
    }

    public static async Task<Results<Accepted<AcceptedDeliveryDocument>, ProblemHttpResult>> SendTest(Guid webhookId, HttpContext context, WebhookStore store, TimeProvider clock)
    {
        var deliveryId = Guid.CreateVersion7();
        var eventId = Guid.CreateVersion7();
        var data = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new { webhookId });
        var body = WebhookEnvelope.Create(WebhookEvents.Test, clock.GetUtcNow(), data);
        var traceId = Activity.Current?.TraceId.ToHexString();
        if (!await store.EnqueueTestAsync(context.User.TenantId(), webhookId, deliveryId, eventId, body, traceId, context.RequestAborted))
        {
            return await store.FindAsync(context.User.TenantId(), webhookId, context.RequestAborted) is null
                ? NotFound(webhookId)
                : TypedResults.Problem(statusCode: 409, title: "Endpoint disabled", detail: "The endpoint answered 410 Gone and is disabled; create a new one.");
        }

        return TypedResults.Accepted($"/v1/webhooks/{webhookId}/deliveries", new AcceptedDeliveryDocument(deliveryId, eventId, "pending"));
    }

    private static ProblemHttpResult NotFound(Guid webhookId) =>
        TypedResults.Problem(statusCode: 404, title: "Webhook not found", detail: $"No webhook {webhookId} for this tenant.");

    // The last delivery's position: creation time (ticks, UTC) and id, base64url. It only narrows a query the tenant
    // may run anyway, so it needs no signature.
    private static string EncodeCursor(DateTime createdAt, Guid deliveryId)
    {
        Span<byte> bytes = stackalloc byte[24];
        BinaryPrimitives.WriteInt64BigEndian(bytes, createdAt.ToUniversalTime().Ticks);
        deliveryId.TryWriteBytes(bytes[8..], bigEndian: true, out _);
        return Base64Url.EncodeToString(bytes);
    }

    private static (DateTime, Guid)? DecodeCursor(string cursor)
    {
        Span<byte> bytes = stackalloc byte[24];
        if (cursor.Length > 64 || !Base64Url.IsValid(cursor, out var length) || length != 24 || !Base64Url.TryDecodeFromChars(cursor, bytes, out var written) || written != 24)
        {
            return null;
        }

        var ticks = BinaryPrimitives.ReadInt64BigEndian(bytes);
        return ticks < 0 || ticks > DateTime.MaxValue.Ticks ? null : (new DateTime(ticks, DateTimeKind.Utc), new Guid(bytes[8..], bigEndian: true));
    }
}
