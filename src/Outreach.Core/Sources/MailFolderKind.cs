namespace Outreach.Core.Sources;

/// <summary>The two folders whose messages are text touchpoints: what came in and what went out.</summary>
public enum MailFolderKind
{
    Inbox,
    SentItems,
}
