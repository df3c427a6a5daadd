namespace Worker.Outbox;

// The broker's confirms of one batch: completes once every expected publish sequence number is acked, and fails
// on a nack of any of them or when the channel closes first.
public sealed class PublishConfirmations
{
    private readonly Lock _gate = new();
    private readonly SortedSet<ulong> _pending = [];
    private readonly TaskCompletionSource _confirmed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _sealed;

    public Task Confirmed => _confirmed.Task;

    public void Expect(ulong sequenceNumber)
    {
        lock (_gate)
        {
            _pending.Add(sequenceNumber);
        }
    }

    // Every publish of the batch is sent: from now on, no pending confirm means all are in.
    public void Seal()
    {
        lock (_gate)
        {
            _sealed = true;
            CompleteIfDone();
        }
    }

    public void Ack(ulong deliveryTag, bool multiple)
    {
        lock (_gate)
        {
            if (multiple)
            {
                _pending.RemoveWhere(n => n <= deliveryTag);
            }
            else
            {
                _pending.Remove(deliveryTag);
            }

            CompleteIfDone();
        }
    }

    public void Nack(ulong deliveryTag, bool multiple)
    {
        lock (_gate)
        {
            var hit = multiple ? _pending.Count > 0 && _pending.Min <= deliveryTag : _pending.Contains(deliveryTag);
            if (hit)
            {
                _confirmed.TrySetException(new PublishNackedException(deliveryTag));
            }
        }
    }

    public void Fail(Exception exception) => _confirmed.TrySetException(exception);

    private void CompleteIfDone()
    {
        if (_sealed && _pending.Count == 0)
        {
            _confirmed.TrySetResult();
        }
    }
}
