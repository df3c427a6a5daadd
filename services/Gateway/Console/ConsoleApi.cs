using System.Security.Claims;
using System.Text.Json;
using Decisioning.Data;
using Gateway.Audit;
using Gateway.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace Gateway.Console;

// The web console (/console/, bundled from Console/web at build time) and the two reads it needs beyond the
// public API: who the key is, and what the applicant submitted.
public static class ConsoleApi
{
    /// <summary>Scripts and styles from the console's own origin only: no inline script, no third party.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static WebApplicationBuilder AddConsole(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ConsoleOptions>().BindConfiguration(ConsoleOptions.Section);
        return builder;
    }

    public static IEndpointRouteBuilder MapConsole(this WebApplication app)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "console");
        if (Directory.Exists(folder))
        {
            var files = new PhysicalFileProvider(folder);
            // /console redirects to /console/, which serves index.html.
            app.UseDefaultFiles(new DefaultFilesOptions { RequestPath = "/console", FileProvider = files });
            app.UseStaticFiles(new StaticFileOptions
            {
                RequestPath = "/console",
                FileProvider = files,
                OnPrepareResponse = file =>
                {
                    file.Context.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
                    // Revalidated on every load (ETag), so a new build is never hidden behind a cached one.
                    file.Context.Response.Headers.CacheControl = "no-cache";
                },
            });
        }
        else
        {
            app.Logger.LogWarning("The console is not served: {Folder} is missing (the Gateway was built without it)", "console/");
        }

        app.MapGet("/v1/me", Me).WithTags("Console").RequireAuthorization().WithName("Me");
        app.MapGet("/v1/decisions/{decisionId:guid}/application", GetApplication)
            .WithTags("Console")
            .RequireAuthorization(Roles.ReadApplicationsPolicy)
            .WithName("GetApplication");
        return app;
    }

    public static Ok<SignedInDocument> Me(ClaimsPrincipal user, IOptions<ConsoleOptions> options) =>
        TypedResults.Ok(new SignedInDocument(user.TenantId(), user.FindFirstValue(ClaimTypes.Role) ?? "", user.KeyId(), options.Value.TraceUrlTemplate));

    public static async Task<Results<Ok<ApplicationDocument>, ProblemHttpResult>> GetApplication(Guid decisionId, HttpContext context, DecisionStore store, AuditTrail audit)
    {
        var stored = await store.FindStoredAsync(context.User.TenantId(), decisionId, context.RequestAborted);
        if (stored is null)
        {
            return TypedResults.Problem(statusCode: 404, title: "Decision not found", detail: $"No decision {decisionId} for this tenant.");
        }

        // Applicant data: every read of it is in the audit log, whoever reads it.
        await audit.RecordAsync(context, AuditActions.ReadApplication, $"decision:{decisionId}");
        using var application = JsonDocument.Parse(stored.RequestJson);
        var outcome = stored.LoanOutcome is null ? null : new LoanOutcomeDocument(stored.LoanOutcome, stored.LoanOutcomeObservedAt ?? "");
        return TypedResults.Ok(new ApplicationDocument(decisionId, application.RootElement.Clone(), outcome));
    }
}
