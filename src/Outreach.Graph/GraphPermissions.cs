using Outreach.Core.Sources;

namespace Outreach.Graph;

/// <summary>
/// The least-privileged Microsoft Graph permissions the scan needs, one place for the sign-in scopes, the
/// error messages and the documentation. Headers need Mail.Read; without them the *.ReadBasic permission
/// (no bodies, no headers) is enough.
/// </summary>
public static class GraphPermissions
{
    public const string CalendarsRead = "Calendars.Read";

    /// <summary>The weekly digest: sendMail from the owner's mailbox to the owner.</summary>
    public const string MailSend = "Mail.Send";

    public static string MailApplication(GraphOptions options) => options.ReadMessageHeaders ? "Mail.Read" : "Mail.ReadBasic.All";

    public static string MailDelegated(GraphOptions options) => options.ReadMessageHeaders ? "Mail.Read" : "Mail.ReadBasic";

    public static IReadOnlyList<string> Application(GraphOptions options) => [MailApplication(options), CalendarsRead];

    /// <summary>
    /// Teams calls: call records are application-only and tenant-wide
    /// (https://learn.microsoft.com/graph/api/callrecords-cloudcommunications-list-callrecords).
    /// </summary>
    public const string CallRecordsReadAll = "CallRecords.Read.All";

    /// <summary>
    /// Teams chats, application: a protected API, which returns nothing until Microsoft approves the app
    /// (https://learn.microsoft.com/graph/teams-protected-apis). Needed for the messages
    /// (https://learn.microsoft.com/graph/api/chat-list-messages); it also covers the chat list and its members.
    /// </summary>
    public const string ChatReadAll = "Chat.Read.All";

    /// <summary>
    /// The application permissions each source needs (issue 13, <c>Outreach__Sources</c>), least privilege. Teams names
    /// people by directory id; User.ReadBasic.All reads their mail and UPN (the basic profile), User.Read.All is not needed.
    /// </summary>
    public static IReadOnlyList<string> Application(GraphOptions options, SourceKinds sources)
    {
        var permissions = new List<string>();
        if (sources.HasFlag(SourceKinds.Mail)) permissions.Add(MailApplication(options));
        if (sources.HasFlag(SourceKinds.Calendar)) permissions.Add(CalendarsRead);
        if (sources.HasFlag(SourceKinds.TeamsCalls)) permissions.Add(CallRecordsReadAll);
        if (sources.HasFlag(SourceKinds.TeamsChats)) permissions.Add(ChatReadAll);
        if ((sources & (SourceKinds.TeamsCalls | SourceKinds.TeamsChats)) != 0) permissions.Add(UserReadBasicAll);
        return permissions;
    }

    public static IReadOnlyList<string> Delegated(GraphOptions options) => [MailDelegated(options), CalendarsRead];

    /// <summary>Create the event and read free/busy (calendar: getSchedule).</summary>
    public const string CalendarsReadWrite = "Calendars.ReadWrite";

    /// <summary>The owner's working hours and time zone, for slots.</summary>
    public const string MailboxSettingsRead = "MailboxSettings.Read";

    /// <summary>
    /// The owner's display name (GET /users/{upn}). Delegated, User.Read only covers the signed-in user;
    /// User.ReadBasic.All also covers a mailbox the signer is a delegate of, and needs no admin consent
    /// (https://learn.microsoft.com/graph/permissions-reference#userreadbasicall).
    /// </summary>
    public const string UserReadBasicAll = "User.ReadBasic.All";

    /// <summary>
    /// What sending an invitation signs in for (delegated, e.g. `outreach invite --auth device-code`):
    /// create the event (https://learn.microsoft.com/graph/api/user-post-events), free/busy
    /// (https://learn.microsoft.com/graph/api/calendar-getschedule), mailbox settings
    /// (https://learn.microsoft.com/graph/api/user-get-mailboxsettings) and the profile. No mail permission:
    /// sending an invitation never reads mail.
    /// </summary>
    public static IReadOnlyList<string> DelegatedInvitations { get; } = [CalendarsReadWrite, MailboxSettingsRead, UserReadBasicAll];
}
