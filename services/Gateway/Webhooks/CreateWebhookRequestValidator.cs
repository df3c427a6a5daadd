using Decisioning.Webhooks;
using FluentValidation;

namespace Gateway.Webhooks;

public sealed class CreateWebhookRequestValidator : AbstractValidator<CreateWebhookRequest>
{
    public CreateWebhookRequestValidator()
    {
        RuleFor(r => r.Url).NotEmpty().MaximumLength(2000)
            .Must(url => Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
            .WithMessage("'url' must be an absolute https URL.");
        RuleFor(r => r.Events).NotEmpty().WithMessage("'events' must name at least one event type.");
        RuleForEach(r => r.Events)
            .Must(e => WebhookEvents.Subscribable.Contains(e, StringComparer.Ordinal))
            .WithMessage((_, e) => $"'{e}' is not an event type; subscribe to {string.Join(" or ", WebhookEvents.Subscribable)}.");
        RuleFor(r => r.Events).Must(events => events is null || events.Distinct(StringComparer.Ordinal).Count() == events.Length)
            .WithMessage("'events' names an event type twice.");
        RuleFor(r => r.Description).MaximumLength(500);
    }
}
