namespace Gateway.LoadShedding;

// Overload protection for the decision and history APIs (configuration "LoadShedding"): past a maximum of
// requests in flight, more are refused at once with 503 and Retry-After instead of queueing until all time out.
public static class LoadShedder
{
    public const string Decisions = "Decisions";
    public const string History = "History";

    public static IHostApplicationBuilder AddLoadShedding(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<LoadSheddingOptions>().BindConfiguration(LoadSheddingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return builder;
    }

    // Before authentication: a shed request must cost as little as possible.
    public static IApplicationBuilder UseLoadShedding(this IApplicationBuilder app) => app.UseMiddleware<LoadSheddingMiddleware>();

    public static TBuilder ShedLoadOver<TBuilder>(this TBuilder builder, string limit)
        where TBuilder : IEndpointConventionBuilder =>
        limit is Decisions or History
            ? builder.WithMetadata(new LoadSheddingLimit(limit))
            : throw new ArgumentOutOfRangeException(nameof(limit), limit, $"Known limits: {Decisions}, {History}.");
}
