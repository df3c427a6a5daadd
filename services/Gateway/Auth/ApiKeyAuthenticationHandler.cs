using System.Security.Claims;
using System.Text.Encodings.Web;
using Decisioning.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Gateway.Auth;

// "Authorization: Bearer <api key>" → tenant and role claims. Keys are looked up by hash and the
// answer is cached briefly, so the decision path does not pay a database round trip per request;
// a revoked key stops working within the cache lifetime.
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyStore keys,
    IMemoryCache cache) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    private static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(30);

    /// <summary>Drops a key from this instance's cache, e.g. when it was just revoked here.</summary>
    public static void Forget(IMemoryCache cache, byte[] keyHash) => cache.Remove(Convert.ToHexString(keyHash));

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header))
        {
            return AuthenticateResult.NoResult();
        }

        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length > 512)
        {
            return AuthenticateResult.Fail("The Authorization header must be 'Bearer <api key>'.");
        }

        var hash = ApiKeyHash.Compute(header["Bearer ".Length..].Trim());
        var cacheKey = Convert.ToHexString(hash);
        if (!cache.TryGetValue(cacheKey, out ApiKeyRecord? key))
        {
            key = await keys.FindActiveAsync(hash, Context.RequestAborted);
            if (key is not null)
            {
                cache.Set(cacheKey, key, CacheLifetime);
            }
        }

        if (key is null)
        {
            return AuthenticateResult.Fail("Unknown or revoked API key.");
        }

        var identity = new ClaimsIdentity(
            [new Claim(Roles.TenantClaim, key.TenantId), new Claim(ClaimTypes.Role, key.Role), new Claim(Roles.KeyIdClaim, key.KeyId.ToString())],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        await WriteProblemAsync(StatusCodes.Status401Unauthorized, "Unauthorized", "Send a valid API key as 'Authorization: Bearer <api key>'.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteProblemAsync(StatusCodes.Status403Forbidden, "Forbidden", "This API key's role may not use this endpoint.");

    private Task WriteProblemAsync(int status, string title, string detail)
    {
        var problems = Context.RequestServices.GetRequiredService<IProblemDetailsService>();
        Response.StatusCode = status;
        return problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        }).AsTask();
    }
}
