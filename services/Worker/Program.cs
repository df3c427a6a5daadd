using Decisioning.Data;
using Decisioning.ServiceDefaults;
using Decisioning.ServiceDefaults.Security;
using Npgsql;
using Prometheus;
using Worker.Backtests;
using Worker.Decisions;
using Worker.Monitoring;
using Worker.Outbox;
using Worker.Partitions;
using Worker.Retention;
using Worker.Scheduling;
using Worker.Webhooks;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.Services.AddSingleton(DecisioningDataSource.Create(builder.Configuration.GetConnectionString(DecisioningDataSource.ConnectionStringName)));
builder.Services.AddHealthChecks().AddDatabaseCheck<NpgsqlDataSource>();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddOptions<PartitionOptions>().BindConfiguration(PartitionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
builder.AddOutbox();
builder.AddWebhooks();
builder.AddModelClients();
builder.AddBacktests();
builder.AddMonitoring();
builder.AddRetention();
builder.AddScheduler(jobs => jobs
    .AddJob<PartitionMaintenanceJob>(PartitionMaintenanceJob.Name, PartitionMaintenanceJob.DefaultCron)
    .AddJob<ModelDriftJob>(ModelDriftJob.Name, ModelDriftJob.DefaultCron)
    .AddJob<FairnessJob>(FairnessJob.Name, FairnessJob.DefaultCron)
    .AddJob<RetentionJob>(RetentionJob.Name, RetentionJob.DefaultCron));

var app = builder.Build();
DatabaseMetrics.Start(app.Services.GetRequiredService<IMetricFactory>());
app.UseSecurityHeaders();

app.MapDefaultEndpoints();

app.Run();
