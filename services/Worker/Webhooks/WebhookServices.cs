namespace Worker.Webhooks;

// Webhooks' two jobs: consuming events into deliveries, and sending the deliveries that are due.
public static class WebhookServices
{
    public static IHostApplicationBuilder AddWebhooks(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<WebhookDeliveryOptions>().BindConfiguration(WebhookDeliveryOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<WebhookInbox>();
        builder.Services.AddSingleton<WebhookDeliveryQueue>();
        builder.Services.AddHostedService<WebhookConsumer>();
        builder.Services.AddHostedService<WebhookSender>();
        return builder;
    }
}
