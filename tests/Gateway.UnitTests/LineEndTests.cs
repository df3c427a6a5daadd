using Gateway.Decisions;
using Gateway.Outcomes;
using Gateway.Reviews;

namespace Gateway.UnitTests;

// A pattern's end is the end of the text: a code or id with a line break after it is refused, not stored with it.
public class LineEndTests
{
    [Theory]
    [InlineData("LA-1\n")]
    [InlineData("LA-1\r\n")]
    public void An_application_id_with_a_trailing_line_break_is_refused(string applicationId)
    {
        var outcome = new OutcomeRowValidator().Validate(new OutcomeRowRequest(null, applicationId, "repaid", "2026-11-01"));
        var resolved = new ResolveRequestValidator().Validate(new ResolveRequest("decline", "AFFORDABILITY\n", null));

        Assert.False(outcome.IsValid);
        // The name's case follows the property-name resolver the Gateway sets globally (camelCase), whichever test set it.
        Assert.Contains(outcome.Errors, e => string.Equals(e.PropertyName, "ApplicationId", StringComparison.OrdinalIgnoreCase));
        Assert.False(resolved.IsValid);
        Assert.Contains(resolved.Errors, e => string.Equals(e.PropertyName, "Reason", StringComparison.OrdinalIgnoreCase));
    }
}
