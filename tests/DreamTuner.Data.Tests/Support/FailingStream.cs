namespace DreamTuner.Data.Tests.Support;

/// <summary>
/// Yields the first <c>failAfter</c> bytes of some content, then either throws (a broken upload) or waits
/// until cancelled (a writer frozen mid-way, as a killed process would be).
/// </summary>
public sealed class FailingStream(byte[] content, int failAfter, bool hang = false) : Stream
{
    private readonly TaskCompletionSource _reachedFailurePoint = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _position;

    /// <summary>Completes once every byte before the failure point has been handed out.</summary>
    public Task ReachedFailurePoint => _reachedFailurePoint.Task;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => content.Length;

    public override long Position { get => _position; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("async only");

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_position >= failAfter)
        {
            _reachedFailurePoint.TrySetResult();
            if (!hang)
            {
                throw new IOException("the client went away");
            }

            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        var n = Math.Min(buffer.Length, failAfter - _position);
        content.AsMemory(_position, n).CopyTo(buffer);
        _position += n;
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
