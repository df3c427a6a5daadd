using Decisioning.Contracts.Text;
using FluentValidation;

namespace Gateway.Decisions;

public static class ValueSetRules
{
    /// <summary>The value must be one of <paramref name="allowed"/>; the message lists them.</summary>
    public static IRuleBuilderOptions<T, string?> OneOf<T>(this IRuleBuilder<T, string?> rule, string[] allowed) =>
        rule.Must(value => value is null || allowed.Contains(value, StringComparer.Ordinal))
            .WithMessage((_, value) => $"'{{PropertyName}}' must be one of {string.Join(", ", allowed)}; got '{EchoedInput.Shorten(value)}'.");
}
