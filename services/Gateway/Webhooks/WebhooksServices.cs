using Decisioning.Data;
using FluentValidation;

namespace Gateway.Webhooks;

public static class WebhooksServices
{
    public static IHostApplicationBuilder AddWebhooks(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<WebhookStore>();
        builder.Services.AddSingleton<IValidator<CreateWebhookRequest>, CreateWebhookRequestValidator>();
        return builder;
    }
}
