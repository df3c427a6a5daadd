using Decisioning.Data;
using Decisioning.ServiceDefaults;
using Decisioning.ServiceDefaults.Security;
using Gateway.Admin;
using Gateway.Audit;
using Gateway.Auth;
using Gateway.Backtests;
using Gateway.Decisions;
using Gateway.History;
using Gateway.LoadShedding;
using Gateway.Models;
using Gateway.Outcomes;
using Gateway.Performance;
using Gateway.Problems;
using Gateway.RateLimits;
using Gateway.Replay;
using Gateway.Reports;
using Gateway.Reviews;
using Gateway.Webhooks;
using Microsoft.AspNetCore.Http.Json;
using Prometheus;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddDecisions();
builder.AddCreditModelClients();
builder.AddHistory();
builder.AddTenantRateLimits();
builder.AddLoadShedding();
builder.AddReviews();
builder.AddOutcomes();
builder.AddAudit();
builder.AddWebhooks();
builder.Services.AddApiKeyAuth();
builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
builder.Services.Configure<JsonOptions>(o => o.SerializerOptions.MaxDepth = 16);
builder.Services.AddOpenApi();
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = DecisionsApi.MaxBodyBytes);

var app = builder.Build();
DatabaseMetrics.Start(app.Services.GetRequiredService<IMetricFactory>());

app.UseSecurityHeaders();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseLoadShedding();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();

app.MapDefaultEndpoints();
app.MapOpenApi();
app.MapDecisionsApi();
app.MapReplayApi();
app.MapBacktestsApi();
app.MapReportsApi();
app.MapHistoryApi();
app.MapKeysApi();
app.MapReviewsApi();
app.MapOutcomesApi();
app.MapPerformanceApi();
app.MapModelsApi();
app.MapWebhooksApi();

app.Run();
