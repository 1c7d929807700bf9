namespace Outreach.Core.Scanning;

/// <summary>
/// What to scan and as of when. The lists add to the configured policy for this scan only
/// (the CLI's --internal-domain, a sample's own do-not-contact list).
/// </summary>
public sealed record ScanRequest(string Mailbox, DateTimeOffset? AsOf = null)
{
    public IReadOnlyList<string> OwnerAliases { get; init; } = [];

    public IReadOnlyList<string> InternalDomains { get; init; } = [];

    public IReadOnlyList<string> DoNotContact { get; init; } = [];

    /// <summary>What to read (issue 13); null: the configured <c>Outreach:Sources</c>.</summary>
    public Sources.SourceKinds? Sources { get; init; }

    /// <summary>The mailbox's invitations, so recently invited contacts show as "invited".</summary>
    public Invitations.InvitationHistory? Invitations { get; init; }
}
