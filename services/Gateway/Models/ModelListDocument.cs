namespace Gateway.Models;

public sealed record ModelListDocument(IReadOnlyList<ModelDocument> Models);
