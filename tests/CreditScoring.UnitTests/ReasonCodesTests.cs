using System.Text.Json.Nodes;
using CreditScoring.Scoring;

namespace CreditScoring.UnitTests;

public class ReasonCodesTests
{
    // Words that would tie a reason to a prohibited basis (sex, marital status, national origin, race, religion).
    private static readonly string[] ProhibitedWords =
    [
        "sex", "gender", "male", "female", "marital", "married", "single", "divorced", "separated", "widowed",
        "foreign", "foreigner", "nationality", "national", "citizen", "citizenship", "race", "religion", "ethnic",
    ];

    [Fact]
    public void Every_adverse_bin_of_the_committed_model_has_a_reason_code()
    {
        var model = JsonNode.Parse(CommittedModel.ModelJson)!;
        var adverse = 0;
        foreach (var feature in model["features"]!.AsArray())
        {
            var name = (string)feature!["name"]!;
            if ((string)feature["type"]! == "categorical")
            {
                var bins = feature["bins"]!.AsObject();
                var best = (double)bins[(string)feature["bestBin"]!]!;
                foreach (var (value, weight) in bins.Where(b => (double)b.Value! > best))
                {
                    Assert.NotNull(ReasonCodes.Find(name, value));
                    adverse++;
                }
            }
            else
            {
                var bins = feature["bins"]!.AsArray();
                var bestBin = (int)feature["bestBin"]!;
                for (var i = 0; i < bins.Count; i++)
                {
                    if ((double)bins[i]!["weight"]! > (double)bins[bestBin]!["weight"]!)
                    {
                        Assert.NotNull(ReasonCodes.Find(name, i > bestBin ? ReasonCodes.Higher : ReasonCodes.Lower));
                        adverse++;
                    }
                }
            }
        }

        Assert.Equal(adverse, CommittedModel.Scorecard.PossibleReasons.Count);
    }

    [Fact]
    public void Every_api_category_and_numeric_direction_has_a_code()
    {
        var manifest = JsonNode.Parse(CommittedModel.ManifestJson)!;
        foreach (var feature in manifest["features"]!.AsArray())
        {
            var name = (string)feature!["name"]!;
            if ((string)feature["type"]! == "categorical")
            {
                Assert.All(feature["allowedValues"]!.AsArray(), v => Assert.NotNull(ReasonCodes.Find(name, (string)v!)));
            }
            else
            {
                Assert.NotNull(ReasonCodes.Find(name, ReasonCodes.Lower));
                Assert.Equal(name != "age", ReasonCodes.Find(name, ReasonCodes.Higher) is not null);
            }
        }
    }

    [Fact]
    public void Codes_are_unique_upper_snake_case_and_described()
    {
        Assert.Equal(ReasonCodes.All.Count, ReasonCodes.All.Select(d => d.Code).Distinct().Count());
        Assert.Equal(ReasonCodes.All.Count, ReasonCodes.All.Select(d => (d.Feature, d.Bin)).Distinct().Count());
        Assert.All(ReasonCodes.All, d =>
        {
            Assert.Matches("^[A-Z][A-Z0-9_]*[A-Z0-9]$", d.Code);
            Assert.False(string.IsNullOrWhiteSpace(d.Description));
        });
    }

    [Fact]
    public void No_code_refers_to_a_prohibited_basis()
    {
        Assert.All(ReasonCodes.All, d =>
        {
            var words = $"{d.Feature} {d.Bin} {d.Code} {d.Description}"
                .Split([' ', '_', ',', '.', '(', ')', '\''], StringSplitOptions.RemoveEmptyEntries)
                .Select(w => w.ToLowerInvariant());
            Assert.Empty(words.Intersect(ProhibitedWords));
        });
    }
}
