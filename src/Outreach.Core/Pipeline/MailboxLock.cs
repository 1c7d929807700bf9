using Microsoft.Extensions.Logging;
using Outreach.Core.Contacts;

namespace Outreach.Core.Pipeline;

/// <summary>
/// One writer per mailbox: harvest and evaluate of a mailbox hold its lock while they write, so two
/// overlapping scans (the weekly one and one on demand) cannot interleave their writes. A lock expires, so a
/// crashed holder blocks the mailbox for one lock duration at most; a live holder renews it.
/// </summary>
public interface IMailboxLock
{
    /// <summary>
    /// Takes the mailbox's lock for <paramref name="duration"/> with one conditional write (insert if absent, or
    /// replace an expired lock if it is unchanged since read). Returns the token that renews and releases it, or
    /// null while another holder's lock is live.
    /// </summary>
    Task<string?> TryAcquireAsync(string mailbox, string holder, TimeSpan duration, CancellationToken cancellationToken);

    /// <summary>Extends a held lock; returns its new token, or null when it was lost (expired and taken).</summary>
    Task<string?> RenewAsync(string mailbox, string token, TimeSpan duration, CancellationToken cancellationToken);

    /// <summary>Releases the lock if it is still the one <paramref name="token"/> names.</summary>
    Task ReleaseAsync(string mailbox, string token, CancellationToken cancellationToken);
}

/// <summary>A held mailbox lock, renewed in the background at a third of its duration until disposed.</summary>
public sealed class MailboxLease : IAsyncDisposable
{
    private readonly IMailboxLock _locks;
    private readonly string _mailbox;
    private readonly TimeSpan _duration;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _renewal;
    private string _token;

    private MailboxLease(IMailboxLock locks, string mailbox, string token, TimeSpan duration, TimeProvider time, ILogger logger)
    {
        _locks = locks;
        _mailbox = mailbox;
        _token = token;
        _duration = duration;
        _logger = logger;
        _renewal = RenewAsync(time);
    }

    /// <summary>False once a renewal found the lock taken by another holder.</summary>
    public bool Held { get; private set; } = true;

    public static async Task<MailboxLease?> TryAcquireAsync(
        IMailboxLock locks, string mailbox, string holder, TimeSpan duration, TimeProvider time, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(locks);
        var token = await locks.TryAcquireAsync(mailbox, holder, duration, cancellationToken);
        return token is null ? null : new MailboxLease(locks, mailbox, token, duration, time, logger);
    }

    private async Task RenewAsync(TimeProvider time)
    {
        try
        {
            while (true)
            {
                await Task.Delay(_duration / 3, time, _stop.Token);
                var renewed = await _locks.RenewAsync(_mailbox, _token, _duration, _stop.Token);
                if (renewed is null)
                {
                    Held = false;
                    LockLog.Lost(_logger, EmailAddresses.Redact(_mailbox));
                    return;
                }

                _token = renewed;
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed: the holder is done.
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            // A failed renewal leaves the lock to expire; the holder's writes stay fenced by their own checks.
            LockLog.RenewFailed(_logger, EmailAddresses.Redact(_mailbox), error.GetType().Name);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _renewal;
        _stop.Dispose();
        if (Held) await _locks.ReleaseAsync(_mailbox, _token, CancellationToken.None);
    }
}

internal static partial class LockLog
{
    [LoggerMessage(EventId = 2020, Level = LogLevel.Warning, Message = "The lock of {Mailbox} expired and was taken by another run while held")]
    public static partial void Lost(ILogger logger, string mailbox);

    [LoggerMessage(EventId = 2021, Level = LogLevel.Warning, Message = "Renewing the lock of {Mailbox} failed ({Error}); it will expire")]
    public static partial void RenewFailed(ILogger logger, string mailbox, string error);
}
