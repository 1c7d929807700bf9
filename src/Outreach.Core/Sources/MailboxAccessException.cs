namespace Outreach.Core.Sources;

public enum MailboxAccessFailure
{
    /// <summary>The credentials were rejected (401).</summary>
    Unauthorized,
    /// <summary>A permission is missing, or the mailbox is outside the app's allowed scope (403).</summary>
    Forbidden,
    /// <summary>No such user or no mailbox (404).</summary>
    NotFound,
    /// <summary>Throttled until the retries ran out (429/503).</summary>
    Throttled,
    /// <summary>Any other refusal of the source.</summary>
    Failed,
}

/// <summary>
/// A mailbox could not be read, said in words a person can act on (which permission is missing, which
/// mailbox is unknown). One mailbox failing this way fails its own scan only.
/// </summary>
public sealed class MailboxAccessException(MailboxAccessFailure failure, string message, int? statusCode = null, Exception? inner = null)
    : Exception(message, inner)
{
    public MailboxAccessFailure Failure { get; } = failure;

    public int? StatusCode { get; } = statusCode;
}
