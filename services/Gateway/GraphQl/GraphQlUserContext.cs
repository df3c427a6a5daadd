namespace Gateway.GraphQl;

// What a resolver needs of the HTTP request: the caller (tenant, role, key) for the stores and the audit trail.
public sealed class GraphQlUserContext(HttpContext http) : Dictionary<string, object?>
{
    public HttpContext Http => http;
}
