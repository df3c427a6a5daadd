using FluentValidation;

namespace Gateway.Reviews;

public sealed class ResolveRequestValidator : AbstractValidator<ResolveRequest>
{
    public ResolveRequestValidator()
    {
        RuleFor(r => r.Outcome).NotEmpty().Must(o => o is "approve" or "decline").WithMessage("'outcome' must be 'approve' or 'decline'.");
        // A code, not prose: it travels in the review.resolved.v1 event, which must never carry applicant data. Prose goes in the note.
        RuleFor(r => r.Reason).NotEmpty().MaximumLength(64).Matches("^[A-Z][A-Z0-9_]*\\z")
            .WithMessage("'reason' must be a reason code of up to 64 capital letters, digits and underscores, e.g. INCOME_VERIFIED; put prose in 'note'.");
        RuleFor(r => r.Note).MaximumLength(2000);
    }
}
