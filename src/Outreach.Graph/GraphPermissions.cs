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
}
