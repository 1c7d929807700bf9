using Outreach.Core.Contacts;

namespace Outreach.Core.Pipeline;

/// <summary>
/// Each mailbox's erasure generation: 0 until it is first erased, one more at every erasure. A scan carries
/// the generation it was queued under; every write it makes is checked against the current one, so a scan
/// that started before an erasure cannot bring the erased data back.
/// </summary>
public interface IMailboxGenerationStore
{
    /// <summary>The mailbox's current generation (0: never erased).</summary>
    Task<long> GetAsync(string mailbox, CancellationToken cancellationToken);

    /// <summary>
    /// Starts an erasure: moves the generation on by one with a single conditional write (retried when
    /// another erasure moved it first) and returns the new generation. Written before anything is deleted.
    /// </summary>
    Task<long> AdvanceAsync(string mailbox, CancellationToken cancellationToken);
}

/// <summary>
/// The seam a writer outside the pipeline (the invitation service, before it reserves a ledger row) calls to
/// learn whether the mailbox it is about to write for was erased after the scan it serves began.
/// </summary>
public interface IMailboxErasureGuard
{
    /// <summary>
    /// Throws <see cref="MailboxErasedException"/> when the surrounding scan stage (see
    /// <see cref="ErasureFence.Enter"/>) works on <paramref name="mailbox"/> under an older generation than the
    /// current one. Outside a scan stage (an HTTP or CLI request, which starts after any erasure) it does nothing.
    /// </summary>
    Task ThrowIfErasedAsync(string mailbox, CancellationToken cancellationToken);
}

/// <summary>The mailbox was erased while a scan that began before the erasure was working on it.</summary>
public sealed class MailboxErasedException(string redactedMailbox, long startedUnder, long current)
    : Exception($"The mailbox {redactedMailbox} was erased while this scan ran (generation {startedUnder}, now {current}); nothing of it is kept.")
{
    public long StartedUnder { get; } = startedUnder;

    public long Current { get; } = current;
}

/// <summary>
/// The pipeline's erasure check. A stage enters a scope (mailbox, generation) for its async flow; the checks
/// made in that flow — by the pipeline itself, the scanner's state saves and the invitation service — compare
/// the scope's generation with the stored one.
/// <para>
/// A check and the write after it are two requests to two tables, so an erasure can fall between them: no
/// single conditional write spans the generation row and the data tables. Writers therefore check again after
/// writing and, when the mailbox was erased meanwhile, delete what they may have written (the pipeline purges the
/// mailbox again). With the erasure writing its generation first and deleting second, that is enough: a write
/// the second check did not catch happened before the generation moved, so the erasure's deletes remove it.
/// </para>
/// </summary>
public sealed class ErasureFence(IMailboxGenerationStore generations) : IMailboxErasureGuard
{
    private static readonly AsyncLocal<Scope?> Current = new();

    public Task<long> GenerationAsync(string mailbox, CancellationToken cancellationToken) =>
        generations.GetAsync(EmailAddresses.Normalize(mailbox), cancellationToken);

    /// <summary>
    /// Marks the calling async flow as working on <paramref name="mailbox"/> under <paramref name="generation"/>
    /// until the returned scope is disposed.
    /// </summary>
    public static IDisposable Enter(string mailbox, long generation)
    {
        var previous = Current.Value;
        Current.Value = new Scope(EmailAddresses.Normalize(mailbox), generation);
        return new Exit(previous);
    }

    /// <summary>The current generation when it differs from <paramref name="generation"/>; null when the mailbox is unchanged.</summary>
    public async Task<long?> ErasedSinceAsync(string mailbox, long generation, CancellationToken cancellationToken)
    {
        var current = await GenerationAsync(mailbox, cancellationToken);
        return current == generation ? null : current;
    }

    public async Task ThrowIfErasedAsync(string mailbox, CancellationToken cancellationToken)
    {
        if (Current.Value is not { } scope || scope.Mailbox != EmailAddresses.Normalize(mailbox)) return;
        if (await ErasedSinceAsync(scope.Mailbox, scope.Generation, cancellationToken) is { } current)
        {
            throw new MailboxErasedException(EmailAddresses.Redact(scope.Mailbox), scope.Generation, current);
        }
    }

    private sealed record Scope(string Mailbox, long Generation);

    private sealed class Exit(Scope? previous) : IDisposable
    {
        public void Dispose() => Current.Value = previous;
    }
}

/// <summary>Generations in memory: one process (tests, a local run); the Functions app keeps them in a table.</summary>
public sealed class InMemoryMailboxGenerationStore : IMailboxGenerationStore
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> _generations = new(StringComparer.Ordinal);

    public Task<long> GetAsync(string mailbox, CancellationToken cancellationToken) =>
        Task.FromResult(_generations.GetValueOrDefault(EmailAddresses.Normalize(mailbox)));

    public Task<long> AdvanceAsync(string mailbox, CancellationToken cancellationToken) =>
        Task.FromResult(_generations.AddOrUpdate(EmailAddresses.Normalize(mailbox), 1, (_, g) => g + 1));
}
