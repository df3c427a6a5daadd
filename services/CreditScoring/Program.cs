using CreditScoring.Inference;
using CreditScoring.Scoring;
using Decisioning.Grpc;
using Decisioning.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.Services.AddGrpcTransport();
builder.AddScoring();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapGrpcHealthService();
app.MapCreditScoringApi();
app.MapCreditScoringInference();

app.Run();
