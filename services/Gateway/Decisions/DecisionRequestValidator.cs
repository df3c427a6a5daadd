using Decisioning.Contracts.Text;
using FluentValidation;

namespace Gateway.Decisions;

public sealed class DecisionRequestValidator : AbstractValidator<DecisionRequest>
{
    public DecisionRequestValidator(IReadOnlyDictionary<string, ProductLimits> products)
    {
        RuleFor(r => r.ApplicationId).NotEmpty().MaximumLength(100)
            .Matches("^[A-Za-z0-9._:-]+\\z").WithMessage("'applicationId' may hold only letters, digits and . _ : -");
        RuleFor(r => r.Product).NotEmpty()
            .Must(product => product is not null && products.ContainsKey(product)).WithMessage(r => $"Unknown product '{EchoedInput.Shorten(r.Product)}'; known products: {string.Join(", ", products.Keys)}.");
        RuleFor(r => r.Amount).NotNull();
        RuleFor(r => r.TermMonths).NotNull();
        When(r => r.Product is not null && products.ContainsKey(r.Product), () =>
        {
            RuleFor(r => r.Amount!.Value)
                .Must((r, amount) => amount >= products[r.Product!].MinAmount && amount <= products[r.Product!].MaxAmount)
                .WithMessage(r => $"'amount' must be between {products[r.Product!].MinAmount} and {products[r.Product!].MaxAmount} for {r.Product}.")
                .Must(amount => decimal.Round(amount, 2) == amount).WithMessage("'amount' has at most two decimals.")
                .OverridePropertyName("amount")
                .When(r => r.Amount is not null);
            RuleFor(r => r.TermMonths!.Value)
                .Must((r, term) => term >= products[r.Product!].MinTermMonths && term <= products[r.Product!].MaxTermMonths)
                .WithMessage(r => $"'termMonths' must be between {products[r.Product!].MinTermMonths} and {products[r.Product!].MaxTermMonths} for {r.Product}.")
                .OverridePropertyName("termMonths")
                .When(r => r.TermMonths is not null);
        });
        RuleFor(r => r.Purpose).NotEmpty().OneOf(ValueSets.Purpose);
        RuleFor(r => r.Applicant).NotNull().SetValidator(new ApplicantValidator()!);
    }
}
