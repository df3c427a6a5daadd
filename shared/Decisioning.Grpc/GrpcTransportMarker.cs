namespace Decisioning.Grpc;

// Registered by AddGrpcTransport so that mapping without it fails with a clear message.
internal sealed class GrpcTransportMarker;
