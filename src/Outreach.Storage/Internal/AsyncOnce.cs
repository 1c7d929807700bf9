namespace Outreach.Storage.Internal;

/// <summary>
/// Runs an idempotent set-up step (creating a table or a queue) once per instance, that is once per
/// process for the singletons the app registers. A failed attempt is forgotten so the next call tries
/// again, rather than failing every later call with the first error.
/// </summary>
internal sealed class AsyncOnce(Func<CancellationToken, Task> action)
{
    private readonly Lock _gate = new();
    private Task? _task;

    public Task RunAsync(CancellationToken cancellationToken)
    {
        var task = _task;
        if (task is { IsCompletedSuccessfully: true }) return Task.CompletedTask;
        lock (_gate)
        {
            if (_task is null || _task.IsFaulted || _task.IsCanceled)
            {
                // Not the caller's token: one caller giving up must not cancel the set-up for the others.
                _task = Task.Run(() => action(CancellationToken.None), CancellationToken.None);
            }

            task = _task;
        }

        return task.WaitAsync(cancellationToken);
    }
}
