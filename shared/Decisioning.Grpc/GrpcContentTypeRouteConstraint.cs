using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Decisioning.Grpc;

// Lets the catch-all UNIMPLEMENTED endpoint match gRPC requests only, so other requests still get the app's 404.
internal sealed class GrpcContentTypeRouteConstraint : IRouteConstraint
{
    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
        httpContext is not null && GrpcProtocol.IsGrpcContentType(httpContext.Request.ContentType);
}
