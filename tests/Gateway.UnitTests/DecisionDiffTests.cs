using System.Text.Json;
using Gateway.Replay;

namespace Gateway.UnitTests;

public class DecisionDiffTests
{
    [Fact]
    public void Identical_documents_have_no_changes()
    {
        const string Document = """{"outcome":"approve","reasons":[{"code":"A"}],"score":{"pd":0.1,"grade":"C"},"offer":null}""";

        Assert.Empty(Diff(Document, Document));
    }

    [Fact]
    public void Changes_name_each_leaf_by_its_path_with_both_values()
    {
        var changes = Diff(
            """{"outcome":"approve","reasons":[{"code":"A"},{"code":"B"}],"score":{"pd":0.1,"grade":"C"},"offer":{"aprPct":9.5}}""",
            """{"outcome":"refer","reasons":[{"code":"A"}],"score":{"pd":0.2,"grade":"C"},"offer":null}""");

        Assert.Equal(
            ["outcome: \"approve\" → \"refer\"", "reasons[1]: {\"code\":\"B\"} → null", "score.pd: 0.1 → 0.2", "offer: {\"aprPct\":9.5} → null"],
            changes.Select(c => $"{c.Field}: {Text(c.From)} → {Text(c.To)}"));
    }

    [Fact]
    public void Numbers_compare_as_written_so_a_replay_that_is_not_byte_for_byte_the_same_shows()
    {
        var change = Assert.Single(Diff("""{"score":{"pd":0.1}}""", """{"score":{"pd":0.10}}"""));

        Assert.Equal("score.pd", change.Field);
    }

    [Fact]
    public void A_field_present_on_one_side_only_is_a_change_and_null_equals_absent()
    {
        Assert.Equal(["review"], Diff("""{"a":1,"review":{"x":1}}""", """{"a":1}""").Select(c => c.Field));
        Assert.Empty(Diff("""{"a":1,"offer":null}""", """{"a":1}"""));
    }

    private static IReadOnlyList<FieldChange> Diff(string original, string replayed)
    {
        using var a = JsonDocument.Parse(original);
        using var b = JsonDocument.Parse(replayed);
        return [.. DecisionDiff.Between(a.RootElement, b.RootElement).Select(c => c with { From = c.From?.Clone(), To = c.To?.Clone() })];
    }

    private static string Text(JsonElement? value) => value is { } v ? v.GetRawText() : "null";
}
