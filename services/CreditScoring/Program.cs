using CreditScoring.Inference;
using CreditScoring.Scoring;
using Decisioning.Contracts.Inference;
using Decisioning.Contracts.Telemetry;
using Decisioning.ServiceDefaults;
using Decisioning.ServiceDefaults.Security;
using CreditScoringContract = Decisioning.Contracts.Scoring.V1.CreditScoring;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.Services.AddGrpc(grpc => grpc.Interceptors.Add<GrpcMetricsInterceptor>());
builder.Services.AddGrpcReflection();
builder.Services.AddGrpcHealthChecks(health =>
{
    // Each served service is as healthy as the process's health checks say.
    health.Services.Map(CreditScoringContract.Descriptor.FullName, _ => true);
    health.Services.Map(GRPCInferenceService.Descriptor.FullName, _ => true);
});
builder.AddScoring();
builder.AddCreditScoringInference();

var app = builder.Build();

app.UseSecurityHeaders();
app.MapDefaultEndpoints();
app.MapGrpcHealthChecksService();
app.MapGrpcReflectionService();
app.MapCreditScoringApi();
app.MapCreditScoringInference();

app.Run();
