namespace Worker.Backtests;

public static class BacktestServices
{
    public static IHostApplicationBuilder AddBacktests(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<BacktestOptions>().BindConfiguration(BacktestOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<BacktestQueue>();
        builder.Services.AddSingleton<CandidateAnswers>();
        builder.Services.AddHostedService<BacktestRunner>();
        return builder;
    }
}
