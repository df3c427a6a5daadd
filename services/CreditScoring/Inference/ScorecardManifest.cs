using System.Text.Json;

namespace CreditScoring.Inference;

// The parts of manifest.json that the inference protocol needs: the model's name, version and feature domains.
public sealed record ScorecardManifest(string Name, string Version, IReadOnlyList<FeatureDomain> Features)
{
    public static ScorecardManifest Parse(string manifestJson)
    {
        try
        {
            using var document = JsonDocument.Parse(manifestJson);
            var root = document.RootElement;
            var features = new List<FeatureDomain>();
            foreach (var feature in root.GetProperty("features").EnumerateArray())
            {
                var name = feature.GetProperty("name").GetString()!;
                features.Add(feature.GetProperty("type").GetString() switch
                {
                    "numeric" => new FeatureDomain(
                        name,
                        IsNumeric: true,
                        feature.GetProperty("allowedRange")[0].GetDouble(),
                        feature.GetProperty("allowedRange")[1].GetDouble(),
                        []),
                    "categorical" => new FeatureDomain(
                        name,
                        IsNumeric: false,
                        double.NaN,
                        double.NaN,
                        [.. feature.GetProperty("allowedValues").EnumerateArray().Select(v => v.GetString()!)]),
                    var type => throw new InvalidDataException($"manifest.json: feature '{name}' has the unknown type '{type}'."),
                });
            }

            return new ScorecardManifest(root.GetProperty("name").GetString()!, root.GetProperty("version").GetString()!, features);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or IndexOutOfRangeException)
        {
            throw new InvalidDataException($"manifest.json lacks what the inference protocol needs: {e.Message}", e);
        }
    }
}
