using System.Text.Json;
using System.Text.RegularExpressions;
using CreditScoring.Registry;
using Microsoft.Extensions.Options;

namespace CreditScoring.Cards;

// The model cards the training scripts write beside each manifest (models/<name>/<version>/card.json), read when
// asked, so every version on disk has its card whether or not it is serving. A name or version becomes a path
// segment only when it is a plain folder name, so no request reaches outside the models root.
public sealed partial class ModelCards(IOptions<ModelRegistryOptions> options)
{
    public const string FileName = "card.json";

    // Resolved as ModelRegistry resolves it: relative to the service's folder unless rooted.
    private readonly string _root = Path.IsPathRooted(options.Value.ModelsRoot)
        ? options.Value.ModelsRoot
        : Path.Combine(AppContext.BaseDirectory, options.Value.ModelsRoot);

    public static bool IsFolderName(string value) => FolderName().IsMatch(value);

    // The card's JSON, or null when that model version has none.
    public async Task<string?> ReadAsync(string name, string version, CancellationToken cancellationToken)
    {
        if (!IsFolderName(name) || !IsFolderName(version))
        {
            throw new ArgumentException("A model name and version must be plain folder names.");
        }

        string json;
        try
        {
            json = await File.ReadAllTextAsync(Path.Combine(_root, name, version, FileName), cancellationToken);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }

        try
        {
            using var _ = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"The card of {name} version {version} is not valid JSON: {e.Message}", e);
        }

        return json;
    }

    // \z, not $: $ would also accept a trailing newline.
    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}\z")]
    private static partial Regex FolderName();
}
