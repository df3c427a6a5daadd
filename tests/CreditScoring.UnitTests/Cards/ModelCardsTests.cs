using System.Text.Json;
using CreditScoring.Cards;
using CreditScoring.Registry;
using Microsoft.Extensions.Options;

namespace CreditScoring.UnitTests.Cards;

public sealed class ModelCardsTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("model-cards-").FullName;
    private readonly ModelCards _cards;

    public ModelCardsTests()
    {
        Directory.CreateDirectory(Path.Combine(_root, "german-scorecard", "1"));
        File.WriteAllText(Path.Combine(_root, "german-scorecard", "1", ModelCards.FileName), """{"modelVersion": "german-scorecard-1"}""");
        Directory.CreateDirectory(Path.Combine(_root, "german-scorecard", "2"));
        File.WriteAllText(Path.Combine(_root, "german-scorecard", "2", "manifest.json"), "{}");
        Directory.CreateDirectory(Path.Combine(_root, "broken", "1"));
        File.WriteAllText(Path.Combine(_root, "broken", "1", ModelCards.FileName), "{\"cut off");
        _cards = new ModelCards(Options.Create(new ModelRegistryOptions { ModelsRoot = _root }));
    }

    [Fact]
    public async Task Reads_the_card_of_a_model_version()
    {
        var card = await _cards.ReadAsync("german-scorecard", "1", CancellationToken.None);

        Assert.NotNull(card);
        Assert.Equal("german-scorecard-1", JsonDocument.Parse(card).RootElement.GetProperty("modelVersion").GetString());
    }

    [Theory]
    [InlineData("german-scorecard", "2")]
    [InlineData("german-scorecard", "3")]
    [InlineData("german-gbm", "1")]
    public async Task A_version_without_a_card_or_an_unknown_model_has_none(string name, string version)
    {
        Assert.Null(await _cards.ReadAsync(name, version, CancellationToken.None));
    }

    [Theory]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData("")]
    [InlineData("../german-scorecard")]
    [InlineData("german-scorecard/1")]
    [InlineData("..\\..")]
    [InlineData("/etc")]
    [InlineData("german scorecard")]
    [InlineData("german-scorecard\n")]
    [InlineData("-german")]
    public async Task Only_plain_folder_names_are_read_as_names_or_versions(string value)
    {
        Assert.False(ModelCards.IsFolderName(value));
        await Assert.ThrowsAsync<ArgumentException>(() => _cards.ReadAsync(value, "1", CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => _cards.ReadAsync("german-scorecard", value, CancellationToken.None));
    }

    [Theory]
    [InlineData("german-scorecard")]
    [InlineData("1")]
    [InlineData("v1.2_rc-3")]
    public void Letters_digits_dots_underscores_and_dashes_are_a_folder_name(string value)
    {
        Assert.True(ModelCards.IsFolderName(value));
    }

    [Fact]
    public async Task A_card_that_is_not_json_is_refused()
    {
        await Assert.ThrowsAsync<InvalidDataException>(() => _cards.ReadAsync("broken", "1", CancellationToken.None));
    }

    [Fact]
    public async Task The_committed_cards_are_read_from_the_repositorys_models_folder()
    {
        var cards = new ModelCards(Options.Create(new ModelRegistryOptions { ModelsRoot = Path.Combine(RepositoryPaths.Root, "services", "CreditScoring", "models") }));

        var card = await cards.ReadAsync("german-gbm", "1", CancellationToken.None);

        Assert.Equal("german-gbm-1", JsonDocument.Parse(card!).RootElement.GetProperty("modelVersion").GetString());
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
