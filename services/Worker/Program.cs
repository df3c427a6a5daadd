using Decisioning.ServiceDefaults;
using Npgsql;
using Decisioning.Data;
using Worker.Outbox;
using Worker.Partitions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.Services.AddSingleton(NpgsqlDataSource.Create(builder.Configuration.GetConnectionString("Decisioning")
    ?? throw new InvalidOperationException("ConnectionStrings:Decisioning is not set (environment: ConnectionStrings__Decisioning).")));
builder.Services.AddOptions<PartitionOptions>().BindConfiguration(PartitionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddHostedService<PartitionMaintenance>();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddOptions<OutboxOptions>().BindConfiguration(OutboxOptions.Section).ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddHostedService<OutboxMonitor>();
builder.Services.AddSingleton<RabbitMqPublisher>();
builder.Services.AddHostedService<OutboxRelay>();
DatabaseMetrics.Start();

var app = builder.Build();

app.MapDefaultEndpoints();

app.Run();
