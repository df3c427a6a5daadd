using Google.Protobuf;

namespace Decisioning.Grpc;

internal static class MessageParserCache<T>
    where T : class, IMessage<T>, new()
{
    public static readonly MessageParser<T> Parser = new(() => new T());
}
