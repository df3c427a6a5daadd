using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Decisioning.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Gateway.Auth;

// "Authorization: Bearer <api key>" → tenant and role claims. A key is looked up by its SHA-256, never compared as
// text: the database finds the hash by index equality, so how long a lookup takes says nothing about how close a
// guess was. Answers are cached briefly (ApiKeyCache); a revocation on any Gateway reaches every Gateway's cache
// through PostgreSQL's LISTEN/NOTIFY within milliseconds (ApiKeyRevocationListener). A client address that keeps
// sending wrong keys is refused with 429 before any lookup (FailedKeyAttempts).
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyStore keys,
    ApiKeyCache cache,
    FailedKeyAttempts failures) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    private static readonly object ThrottledKey = new();

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header))
        {
            return AuthenticateResult.NoResult();
        }

        var address = Context.Connection.RemoteIpAddress;
        if (failures.IsBlocked(address, out var retryAfter))
        {
            Context.Items[ThrottledKey] = retryAfter;
            return AuthenticateResult.Fail("Too many failed API key attempts from this address.");
        }

        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length > 512)
        {
            failures.RecordFailure(address);
            return AuthenticateResult.Fail("The Authorization header must be 'Bearer <api key>'.");
        }

        var hash = ApiKeyHash.Compute(header["Bearer ".Length..].Trim());
        var cacheKey = Convert.ToHexString(hash);
        if (!cache.TryGet(cacheKey, out var key))
        {
            key = await keys.FindActiveAsync(hash, Context.RequestAborted);
            if (key is not null)
            {
                cache.Set(cacheKey, key);
            }
        }

        if (key is null)
        {
            failures.RecordFailure(address);
            return AuthenticateResult.Fail("Unknown or revoked API key.");
        }

        var identity = new ClaimsIdentity(
            [new Claim(Roles.TenantClaim, key.TenantId), new Claim(ClaimTypes.Role, key.Role), new Claim(Roles.KeyIdClaim, key.KeyId.ToString())],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Context.Items[ThrottledKey] is TimeSpan retryAfter)
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
            Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            await WriteProblemAsync(StatusCodes.Status429TooManyRequests, "Too many failed API key attempts", $"Too many requests from this address carried an unknown API key; retry after {seconds} s.");
            return;
        }

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
