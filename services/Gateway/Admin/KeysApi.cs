using Decisioning.Data;
using Gateway.Audit;
using Gateway.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gateway.Admin;

// An admin manages the API keys of their own tenant: a new key is shown once, then only its prefix.
public static class KeysApi
{
    private static readonly string[] AssignableRoles = [Roles.Decider, Roles.Analyst, Roles.Reviewer, Roles.Admin];

    public static RouteGroupBuilder MapKeysApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/admin/keys").WithTags("Admin").RequireAuthorization(Roles.AdminPolicy);
        group.MapPost("/", CreateKey).WithName("CreateKey");
        group.MapGet("/", ListKeys).WithName("ListKeys");
        group.MapDelete("/{keyId:guid}", RevokeKey).WithName("RevokeKey");
        return group;
    }

    public static async Task<Results<Created<CreatedKeyResponse>, ValidationProblem>> CreateKey(CreateKeyRequest request, HttpContext context, ApiKeyStore keys, AuditTrail audit)
    {
        if (request.Role is null || !AssignableRoles.Contains(request.Role, StringComparer.Ordinal))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["role"] = [$"'role' must be one of {string.Join(", ", AssignableRoles)}."] });
        }

        var (summary, apiKey) = await keys.CreateAsync(context.User.TenantId(), request.Role, context.RequestAborted);
        await audit.RecordAsync(context, AuditActions.CreateKey, $"key:{summary.KeyId} role:{summary.Role}");
        return TypedResults.Created($"/v1/admin/keys/{summary.KeyId}", new CreatedKeyResponse(summary.KeyId, apiKey, summary.Role, summary.Prefix, summary.CreatedAt));
    }

    public static async Task<Ok<KeyListResponse>> ListKeys(HttpContext context, ApiKeyStore keys) =>
        TypedResults.Ok(new KeyListResponse(await keys.ListAsync(context.User.TenantId(), context.RequestAborted)));

    public static async Task<Results<NoContent, ProblemHttpResult>> RevokeKey(Guid keyId, HttpContext context, ApiKeyStore keys, ApiKeyCache cache, AuditTrail audit)
    {
        var (found, revokedHash) = await keys.RevokeAsync(context.User.TenantId(), keyId, context.RequestAborted);
        if (!found)
        {
            return TypedResults.Problem(statusCode: 404, title: "Key not found", detail: $"No key {keyId} for this tenant.");
        }

        if (revokedHash is not null)
        {
            // Effective at once here; the other Gateways drop it when the revocation's notification reaches them.
            cache.Forget(Convert.ToHexString(revokedHash));
            await audit.RecordAsync(context, AuditActions.RevokeKey, $"key:{keyId}");
        }

        return TypedResults.NoContent();
    }
}
