using Decisioning.Contracts.Inference;
using Decisioning.Contracts.Telemetry;
using Decisioning.ServiceDefaults;
using Decisioning.ServiceDefaults.Security;
using Pricing.Inference;
using Pricing.Quoting;
using PricingContract = Decisioning.Contracts.Pricing.V1.Pricing;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.Services.AddGrpc(grpc => grpc.Interceptors.Add<GrpcMetricsInterceptor>());
builder.Services.AddGrpcReflection();
builder.Services.AddGrpcHealthChecks(health =>
{
    // Each served service is as healthy as the process's health checks say.
    health.Services.Map(PricingContract.Descriptor.FullName, _ => true);
    health.Services.Map(GRPCInferenceService.Descriptor.FullName, _ => true);
});
builder.AddPricing();
builder.AddPricingInference();

var app = builder.Build();

app.UseSecurityHeaders();
app.MapDefaultEndpoints();
app.MapGrpcHealthChecksService();
app.MapGrpcReflectionService();
app.MapPricingApi();
app.MapPricingInference();

app.Run();
