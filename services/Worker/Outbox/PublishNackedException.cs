namespace Worker.Outbox;

// The broker refused responsibility for a message (basic.nack): the batch is not marked and is tried again.
public sealed class PublishNackedException(ulong deliveryTag)
    : Exception($"The broker nacked publish {deliveryTag}.");
