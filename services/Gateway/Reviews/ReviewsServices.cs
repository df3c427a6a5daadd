using Decisioning.Data;
using FluentValidation;

namespace Gateway.Reviews;

public static class ReviewsServices
{
    public static IHostApplicationBuilder AddReviews(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ReviewOptions>().BindConfiguration(ReviewOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<ReviewStore>();
        builder.Services.AddSingleton<IValidator<ResolveRequest>, ResolveRequestValidator>();
        return builder;
    }
}
