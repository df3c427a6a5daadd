using Decisioning.ServiceDefaults;
using Npgsql;
using Worker.Partitions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.Services.AddSingleton(NpgsqlDataSource.Create(builder.Configuration.GetConnectionString("Decisioning")
    ?? throw new InvalidOperationException("ConnectionStrings:Decisioning is not set (environment: ConnectionStrings__Decisioning).")));
builder.Services.AddOptions<PartitionOptions>().BindConfiguration(PartitionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddHostedService<PartitionMaintenance>();

var app = builder.Build();

app.MapDefaultEndpoints();

app.Run();
