using System.Text.Json;

namespace Gateway.Models;

public sealed record ModelDocument(string Name, string Version, string ModelVersion, string Kind, string Role, JsonElement Metrics, string LoadedAt, string FilesSha256);
