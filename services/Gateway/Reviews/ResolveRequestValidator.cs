using FluentValidation;

namespace Gateway.Reviews;

public sealed class ResolveRequestValidator : AbstractValidator<ResolveRequest>
{
    public ResolveRequestValidator()
    {
        RuleFor(r => r.Outcome).NotEmpty().Must(o => o is "approve" or "decline").WithMessage("'outcome' must be 'approve' or 'decline'.");
        RuleFor(r => r.Reason).NotEmpty().MaximumLength(200);
        RuleFor(r => r.Note).MaximumLength(2000);
    }
}
