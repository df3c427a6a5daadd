namespace Decisioning.Grpc.UnitTests;

public sealed class PercentEncodingTests
{
    [Fact]
    public void Printable_ascii_is_sent_as_is()
    {
        const string detail = "Applicant not found: id=42 (tenant demo)";

        Assert.Same(detail, PercentEncoding.Encode(detail));
    }

    [Theory]
    [InlineData("100%", "100%25")]
    [InlineData("a\nb", "a%0Ab")]
    [InlineData("Ü", "%C3%9C")]
    [InlineData("信", "%E4%BF%A1")]
    [InlineData("✓ ok", "%E2%9C%93 ok")]
    [InlineData("\u007F", "%7F")]
    public void Encodes_percent_control_and_non_ascii_as_utf8_escapes(string detail, string expected)
    {
        Assert.Equal(expected, PercentEncoding.Encode(detail));
    }

    [Theory]
    [InlineData("Antrag abgelehnt: Überschuldung 100% – 信用 ✓\nzweite Zeile")]
    [InlineData("emoji 😀 outside the BMP")]
    [InlineData("%%%")]
    [InlineData("")]
    public void Round_trips(string detail)
    {
        Assert.Equal(detail, PercentEncoding.Decode(PercentEncoding.Encode(detail)));
    }

    [Fact]
    public void Decodes_lower_case_hex()
    {
        Assert.Equal("Ü", PercentEncoding.Decode("%c3%9c"));
    }

    [Theory]
    [InlineData("100%")]
    [InlineData("%zz")]
    [InlineData("50%2")]
    public void Keeps_broken_escapes_instead_of_failing(string value)
    {
        Assert.Equal(value, PercentEncoding.Decode(value));
    }

    [Fact]
    public void Replaces_invalid_utf8_instead_of_failing()
    {
        Assert.Equal("a\uFFFDb", PercentEncoding.Decode("a%FFb"));
    }
}
