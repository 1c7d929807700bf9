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
