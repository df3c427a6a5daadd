using Decisioning.Grpc;

namespace Decisioning.IntegrationTests.Grpc;

public static class EchoMethods
{
    public const string ServiceName = "decisioning.testing.v1.EchoService";

    public static readonly Method<EchoRequest, EchoReply> Echo = new(ServiceName, "Echo");
    public static readonly Method<SlowRequest, EchoReply> Slow = new(ServiceName, "Slow");
    public static readonly Method<FailRequest, EchoReply> Fail = new(ServiceName, "Fail");
    public static readonly Method<HeaderRequest, HeaderReply> EchoHeader = new(ServiceName, "EchoHeader");
}
