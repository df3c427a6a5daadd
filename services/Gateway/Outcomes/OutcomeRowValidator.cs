using System.Globalization;
using FluentValidation;

namespace Gateway.Outcomes;

public sealed class OutcomeRowValidator : AbstractValidator<OutcomeRowRequest>
{
    public static readonly IReadOnlyList<string> Statuses = ["repaid", "defaulted", "charged_off"];

    public OutcomeRowValidator()
    {
        RuleFor(r => r)
            .Must(r => string.IsNullOrEmpty(r.DecisionId) != string.IsNullOrEmpty(r.ApplicationId))
            .WithMessage("Name the loan by exactly one of 'decisionId' or 'applicationId'.")
            .OverridePropertyName("decisionId");
        RuleFor(r => r.DecisionId)
            .Must(id => Guid.TryParse(id, out _)).WithMessage("'decisionId' is not a UUID.")
            .When(r => !string.IsNullOrEmpty(r.DecisionId));
        RuleFor(r => r.ApplicationId)
            .MaximumLength(100)
            .Matches("^[A-Za-z0-9._:-]+\\z").WithMessage("'applicationId' may hold only letters, digits and . _ : -")
            .When(r => !string.IsNullOrEmpty(r.ApplicationId));
        RuleFor(r => r.Status).NotEmpty()
            .Must(s => s is not null && Statuses.Contains(s)).WithMessage($"'status' must be one of {string.Join(", ", Statuses)}.");
        RuleFor(r => r.ObservedAt).NotEmpty()
            .Must(d => TryParseDate(d, out _)).WithMessage("'observedAt' must be a date as YYYY-MM-DD.");
    }

    public static bool TryParseDate(string? value, out DateOnly date) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}
