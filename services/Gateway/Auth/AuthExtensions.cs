using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;

namespace Gateway.Auth;

public static class AuthExtensions
{
    public static IServiceCollection AddApiKeyAuth(this IServiceCollection services)
    {
        services.AddSingleton<ApiKeyCache>();
        services.AddHostedService<ApiKeyRevocationListener>();
        services.AddOptions<FailedKeyAttemptOptions>().BindConfiguration(FailedKeyAttemptOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<FailedKeyAttempts>();
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(Roles.MakeDecisionsPolicy, p => p.RequireRole(Roles.Decider, Roles.Admin))
            .AddPolicy(Roles.ReadDecisionsPolicy, p => p.RequireRole(Roles.Decider, Roles.Analyst, Roles.Admin))
            .AddPolicy(Roles.ReadHistoryPolicy, p => p.RequireRole(Roles.Analyst, Roles.Admin))
            .AddPolicy(Roles.AdminPolicy, p => p.RequireRole(Roles.Admin))
            .AddPolicy(Roles.ReviewCasesPolicy, p => p.RequireRole(Roles.Reviewer, Roles.Admin))
            // Admin only for now; its own policy so that a dedicated role can be let in later.
            .AddPolicy(Roles.RecordOutcomesPolicy, p => p.RequireRole(Roles.Admin))
            .AddPolicy(Roles.ReadModelPerformancePolicy, p => p.RequireRole(Roles.Analyst, Roles.Admin))
            // What an applicant submitted: analysts investigating a decision, reviewers working its case.
            .AddPolicy(Roles.ReadApplicationsPolicy, p => p.RequireRole(Roles.Analyst, Roles.Reviewer, Roles.Admin));
        return services;
    }

    /// <summary>The tenant the caller's API key belongs to.</summary>
    public static string TenantId(this ClaimsPrincipal user) =>
        user.FindFirstValue(Roles.TenantClaim) ?? throw new InvalidOperationException("An authenticated caller always has a tenant claim.");

    /// <summary>The id of the API key the caller authenticated with.</summary>
    public static Guid KeyId(this ClaimsPrincipal user) =>
        Guid.Parse(user.FindFirstValue(Roles.KeyIdClaim) ?? throw new InvalidOperationException("An authenticated caller always has a key id claim."));
}
