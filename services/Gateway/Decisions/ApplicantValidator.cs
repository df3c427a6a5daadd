using FluentValidation;

namespace Gateway.Decisions;

public sealed class ApplicantValidator : AbstractValidator<ApplicantRequest>
{
    public ApplicantValidator()
    {
        RuleFor(a => a.Age).NotNull().InclusiveBetween(18, 100);
        RuleFor(a => a.CheckingAccount).NotEmpty().OneOf(ValueSets.CheckingAccount);
        RuleFor(a => a.CreditHistory).NotEmpty().OneOf(ValueSets.CreditHistory);
        RuleFor(a => a.Savings).NotEmpty().OneOf(ValueSets.Savings);
        RuleFor(a => a.Employment).NotEmpty().OneOf(ValueSets.Employment);
        RuleFor(a => a.InstallmentRatePct).NotNull().InclusiveBetween(1, 4);
        RuleFor(a => a.OtherDebtors).NotEmpty().OneOf(ValueSets.OtherDebtors);
        RuleFor(a => a.ResidenceYears).NotNull().InclusiveBetween(1, 4);
        RuleFor(a => a.Property).NotEmpty().OneOf(ValueSets.Property);
        RuleFor(a => a.OtherInstallmentPlans).NotEmpty().OneOf(ValueSets.OtherInstallmentPlans);
        RuleFor(a => a.Housing).NotEmpty().OneOf(ValueSets.Housing);
        RuleFor(a => a.ExistingCredits).NotNull().InclusiveBetween(1, 4);
        RuleFor(a => a.Job).NotEmpty().OneOf(ValueSets.Job);
        RuleFor(a => a.Dependents).NotNull().InclusiveBetween(1, 2);
        RuleFor(a => a.Telephone).NotNull();
    }
}
