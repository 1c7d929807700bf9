namespace Outreach.Core.Digest;

/// <summary>Sends the digest to the mailbox's owner (Graph sendMail from their own mailbox, kept out of Sent Items).</summary>
public interface IDigestMailer
{
    /// <exception cref="Sources.MailboxAccessException">Graph refused (the reason names the missing permission).</exception>
    Task SendAsync(string mailbox, string subject, string htmlBody, CancellationToken cancellationToken);
}
