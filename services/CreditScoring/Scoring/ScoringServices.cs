namespace CreditScoring.Scoring;

public static class ScoringServices
{
    // Loads the champion scorecard at start; a missing or corrupt model stops the service with a clear message.
    public static IHostApplicationBuilder AddScoring(this IHostApplicationBuilder builder)
    {
        var directory = builder.Configuration["Scoring:ModelDirectory"]
            ?? throw new InvalidOperationException("Scoring:ModelDirectory is not set.");
        var path = Path.IsPathRooted(directory) ? directory : Path.Combine(AppContext.BaseDirectory, directory);
        builder.Services.AddSingleton(Scorecard.Load(path));
        builder.Services.AddSingleton<ScoringMetrics>();
        return builder;
    }
}
