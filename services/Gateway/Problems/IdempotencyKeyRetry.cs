namespace Gateway.Problems;

// What a failure's problem tells the caller about retrying: "with the same Idempotency-Key" only where the endpoint
// takes one (POST /v1/decisions); a GET or another POST is simply retried.
public static class IdempotencyKeyRetry
{
    /// <summary>Marks an endpoint whose requests carry an Idempotency-Key, so a retry must reuse it.</summary>
    public static TBuilder TakesIdempotencyKey<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new TakesIdempotencyKeyMetadata());

    /// <summary>" with the same Idempotency-Key" for an endpoint that takes one, otherwise nothing.</summary>
    public static string Suffix(Endpoint? endpoint) =>
        endpoint?.Metadata.GetMetadata<TakesIdempotencyKeyMetadata>() is null ? "" : " with the same Idempotency-Key";

    private sealed record TakesIdempotencyKeyMetadata;
}
