using Decisioning.Grpc;
using Decisioning.ServiceDefaults;
using Pricing.Inference;
using Pricing.Quoting;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.Services.AddGrpcTransport();
builder.AddPricing();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapGrpcHealthService();
app.MapPricingApi();
app.MapPricingInference();

app.Run();
