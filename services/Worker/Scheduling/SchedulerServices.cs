using Microsoft.Extensions.Options;
using Npgsql;
using Quartz;

namespace Worker.Scheduling;

// Scheduled jobs: a Quartz scheduler on the shared job store in PostgreSQL, clustered over every Worker, so that each
// occurrence of a job runs on exactly one of them; crons from Scheduler:Jobs, in UTC.
public static class SchedulerServices
{
    public const string SchedulerName = "decisioning-worker";

    public static IHostApplicationBuilder AddScheduler(this IHostApplicationBuilder builder, Action<ScheduledJobs> addJobs)
    {
        var jobs = new ScheduledJobs();
        addJobs(jobs);
        builder.Services.AddSingleton(jobs);
        builder.Services.AddOptions<SchedulerOptions>().BindConfiguration(SchedulerOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<SchedulerOptions>, SchedulerOptionsValidator>();
        builder.Services.AddSingleton<ScheduledJobMetrics>();
        builder.Services.AddSingleton<ScheduledJobRunStore>();
        builder.Services.AddSingleton<ScheduleSync>();

        var settings = builder.Configuration.GetSection(SchedulerOptions.Section).Get<SchedulerOptions>() ?? new SchedulerOptions();
        builder.Services.AddQuartz(quartz =>
        {
            quartz.ConfigureScheduler(scheduler =>
            {
                // Every Worker is a node of one scheduler: the same name, an id of its own made at each start.
                scheduler.InstanceName = SchedulerName;
                scheduler.GenerateInstanceId = true;
            });
            quartz.UsePersistentStore(store =>
            {
                store.UsePostgres(source => source.DataSourceFactory = services => services.GetRequiredService<NpgsqlDataSource>());
                store.UseClustering(cluster => cluster.CheckinInterval = TimeSpan.FromSeconds(settings.CheckinIntervalSeconds));
                store.ConfigureStore(store => store.MisfireThreshold = TimeSpan.FromSeconds(settings.MisfireThresholdSeconds));
            });
            quartz.AddJobMiddleware<ScheduledJobRecorder>();
        });
        builder.Services.AddHostedService<SchedulerHost>();
        return builder;
    }
}
