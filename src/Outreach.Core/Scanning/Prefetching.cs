using System.Runtime.CompilerServices;

namespace Outreach.Core.Scanning;

/// <summary>
/// Reads one item ahead of the consumer: while a page is folded into the state (or a checkpoint is written),
/// the request for the next page is already on the wire, so classification hides behind I/O.
/// </summary>
internal static class Prefetching
{
    public static async IAsyncEnumerable<T> ReadAhead<T>(IAsyncEnumerable<T> source, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var enumerator = source.GetAsyncEnumerator(cancellationToken);
        var next = enumerator.MoveNextAsync().AsTask();
        try
        {
            while (await next)
            {
                var current = enumerator.Current;
                next = enumerator.MoveNextAsync().AsTask();
                yield return current;
            }
        }
        finally
        {
            // The consumer stopped early (failure, cancellation): the read in flight must end before the
            // source is disposed. Its own outcome no longer matters; the consumer's is the one reported.
            try
            {
                await next;
            }
            catch (Exception) when (!next.IsCompletedSuccessfully)
            {
            }

            await enumerator.DisposeAsync();
        }
    }
}
