using System.Text.Json;
using Decisioning.Data;
using Decisioning.Policy;
using Decisioning.ServiceDefaults;
using FluentValidation;
using Gateway.Models;
using Npgsql;

namespace Gateway.Decisions;

public static class DecisionsServices
{
    public static IHostApplicationBuilder AddDecisions(this IHostApplicationBuilder builder)
    {
        // Connections run as the role that row-level security confines to the caller's tenant ("" keeps the login's own).
        var role = builder.Configuration["Database:Role"] ?? TenantScope.AppRole;
        builder.Services.AddSingleton(DecisioningDataSource.Create(builder.Configuration.GetConnectionString(DecisioningDataSource.ConnectionStringName), role));
        builder.Services.AddSingleton<DecisionStore>();
        builder.Services.AddHealthChecks().AddDatabaseCheck<NpgsqlDataSource>();
        builder.Services.AddSingleton<ApiKeyStore>();

        var policyVersion = builder.Configuration["Decisions:PolicyVersion"] ?? DecisionPolicy.Policy1.Version;
        if (!DecisionPolicy.Versions.TryGetValue(policyVersion, out var policy))
        {
            throw new InvalidOperationException($"Decisions:PolicyVersion '{policyVersion}' is unknown; known: {string.Join(", ", DecisionPolicy.Versions.Keys)}.");
        }

        builder.Services.AddSingleton(policy);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<DecisionMetrics>();
        builder.Services.AddSingleton<DecisionMaker>();
        builder.Services.AddSingleton<Gateway.Replay.DecisionReplayer>();
        builder.Services.Configure<Microsoft.AspNetCore.Http.Json.JsonOptions>(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, DecisionJson.Default));

        // Field names in validation errors are the JSON names callers send: "applicant.age".
        ValidatorOptions.Global.PropertyNameResolver = (_, member, _) => member is null ? null : JsonNamingPolicy.CamelCase.ConvertName(member.Name);
        ValidatorOptions.Global.DisplayNameResolver = (_, member, _) => member is null ? null : JsonNamingPolicy.CamelCase.ConvertName(member.Name);
        var products = builder.Configuration.GetSection("Decisions:Products").Get<Dictionary<string, ProductLimits>>()
            ?? throw new InvalidOperationException("Decisions:Products is not configured.");
        builder.Services.AddSingleton<IValidator<DecisionRequest>>(new DecisionRequestValidator(products));

        builder.Services.AddOptions<ModelOptions>().BindConfiguration(ModelOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<CreditModels>();
        builder.Services.AddSingleton<ChallengerQueue>();
        builder.Services.AddSingleton<ChallengerStore>();
        builder.Services.AddHostedService<ChallengerScoring>();
        return builder;
    }
}
