using Decisioning.Data;
using FluentValidation;

namespace Gateway.Outcomes;

public static class OutcomesServices
{
    public static IHostApplicationBuilder AddOutcomes(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<OutcomeStore>();
        builder.Services.AddSingleton<IValidator<OutcomeBatchRequest>, OutcomeBatchRequestValidator>();
        builder.Services.AddSingleton<OutcomeRowValidator>();
        return builder;
    }
}
