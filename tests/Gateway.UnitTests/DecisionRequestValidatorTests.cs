using System.Text.Json;
using FluentValidation;
using Gateway.Decisions;

namespace Gateway.UnitTests;

public class DecisionRequestValidatorTests
{
    private static readonly DecisionRequestValidator Validator = CreateValidator();

    private static DecisionRequestValidator CreateValidator()
    {
        ValidatorOptions.Global.PropertyNameResolver = (_, member, _) => member is null ? null : JsonNamingPolicy.CamelCase.ConvertName(member.Name);
        return new DecisionRequestValidator(new Dictionary<string, ProductLimits>
        {
            ["personal_loan"] = new(250, 20000, 6, 72),
        });
    }

    private static DecisionRequest Valid() => new(
        "LA-000123",
        "personal_loan",
        5000m,
        24,
        "car_used",
        new ApplicantRequest(35, "lt_0", "existing_paid", "lt_100", "1_to_4y", 2, "none", 2, "car_other", "none", "own", 1, "skilled", 1, false));

    [Fact]
    public void The_contract_example_is_valid() => Assert.True(Validator.Validate(Valid()).IsValid);

    [Theory]
    [InlineData(249.99, false)]
    [InlineData(250, true)]
    [InlineData(20000, true)]
    [InlineData(20000.01, false)]
    [InlineData(-1, false)]
    public void Amount_must_lie_within_the_products_limits(double amount, bool valid)
    {
        var result = Validator.Validate(Valid() with { Amount = (decimal)amount });

        Assert.Equal(valid, result.IsValid);
        Assert.Equal(valid, !result.Errors.Any(e => e.PropertyName == "amount"));
    }

    [Fact]
    public void Every_missing_applicant_field_is_named()
    {
        var empty = Valid() with { Applicant = new ApplicantRequest(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null) };

        var names = Validator.Validate(empty).Errors.Select(e => e.PropertyName).ToHashSet();

        foreach (var field in new[] { "age", "checkingAccount", "creditHistory", "savings", "employment", "installmentRatePct", "otherDebtors", "residenceYears", "property", "otherInstallmentPlans", "housing", "existingCredits", "job", "dependents", "telephone" })
        {
            Assert.Contains("applicant." + field, names);
        }
    }

    [Fact]
    public void Unknown_category_names_the_field_and_lists_the_allowed_values()
    {
        var result = Validator.Validate(Valid() with { Applicant = Valid().Applicant! with { Housing = "castle" } });

        var error = Assert.Single(result.Errors);
        Assert.Equal("applicant.housing", error.PropertyName);
        Assert.Contains("rent, own, free", error.ErrorMessage);
    }

    [Fact]
    public void Unknown_product_is_refused_without_evaluating_its_limits()
    {
        var result = Validator.Validate(Valid() with { Product = "yacht_loan" });

        Assert.Equal(["product"], result.Errors.Select(e => e.PropertyName));
    }

    [Theory]
    [InlineData(5, false)]
    [InlineData(6, true)]
    [InlineData(72, true)]
    [InlineData(73, false)]
    public void Term_must_lie_within_the_products_limits(int term, bool valid) =>
        Assert.Equal(valid, Validator.Validate(Valid() with { TermMonths = term }).IsValid);

    [Theory]
    [InlineData("LA 1")]
    [InlineData("")]
    [InlineData("<script>")]
    public void Application_id_is_a_plain_identifier(string id) =>
        Assert.Contains(Validator.Validate(Valid() with { ApplicationId = id }).Errors, e => e.PropertyName == "applicationId");

    [Fact]
    public void A_long_unknown_value_is_echoed_only_in_part()
    {
        var product = "yacht_" + new string('x', 5000);
        var housing = "castle_" + new string('y', 5000);

        var result = Validator.Validate(Valid() with { Product = product, Applicant = Valid().Applicant! with { Housing = housing } });

        Assert.Equal(2, result.Errors.Count);
        Assert.All(result.Errors, e => Assert.InRange(e.ErrorMessage.Length, 1, 200));
        Assert.Contains(result.Errors, e => e.ErrorMessage.Contains(product[..40] + "…", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.ErrorMessage.Contains(housing[..40] + "…", StringComparison.Ordinal));
    }
}
