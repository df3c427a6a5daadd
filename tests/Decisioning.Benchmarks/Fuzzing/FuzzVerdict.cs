namespace Decisioning.Benchmarks.Fuzzing;

/// <summary>How the Gateway answered a bad request; the last three are failures.</summary>
public enum FuzzVerdict
{
    /// <summary>A 4xx RFC 9457 problem (application/problem+json).</summary>
    Refused,

    /// <summary>429: the tenant's rate limit, also a problem.</summary>
    RateLimited,

    /// <summary>503 from load shedding, also a problem.</summary>
    Shed,

    /// <summary>The HTTP server refused it before the application (oversized headers or body): an empty 4xx or a closed connection.</summary>
    RefusedByServer,

    /// <summary>1xx-3xx: a request that must be refused was accepted.</summary>
    Accepted,

    /// <summary>A 5xx other than shedding, or no answer at all.</summary>
    ServerError,

    /// <summary>A 4xx whose body is no RFC 9457 problem.</summary>
    NotAProblem,
}
