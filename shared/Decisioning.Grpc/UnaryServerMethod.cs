namespace Decisioning.Grpc;

/// <summary>A server handler of a unary method.</summary>
public delegate Task<TResponse> UnaryServerMethod<TRequest, TResponse>(TRequest request, ServerCallContext context);
