using FluentValidation;

namespace Gateway.Outcomes;

public sealed class OutcomeBatchRequestValidator : AbstractValidator<OutcomeBatchRequest>
{
    public const int MaxRows = 1000;

    public OutcomeBatchRequestValidator()
    {
        RuleFor(b => b.Outcomes).NotNull()
            .Must(rows => rows is { Count: >= 1 and <= MaxRows }).WithMessage($"'outcomes' must hold 1 to {MaxRows} rows.");
    }
}
