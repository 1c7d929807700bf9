using System.Text.Json.Serialization;

namespace Outreach.Core.Enrollment;

/// <summary>Why a mailbox may, or may not, be acted on. The wire names are the API's "enrollment" values.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<EnrollmentStatus>))]
public enum EnrollmentStatus
{
    /// <summary>On the configured list or a member of the configured group, and not opted out.</summary>
    [JsonStringEnumMemberName("enrolled")] Enrolled,

    /// <summary>Enrollment is configured, but this mailbox is neither on the list nor in the group.</summary>
    [JsonStringEnumMemberName("not-enrolled")] NotEnrolled,

    /// <summary>The owner asked to stop (review page) and no administrator has re-enrolled the mailbox since.</summary>
    [JsonStringEnumMemberName("opted-out")] OptedOut,

    /// <summary>Neither the list nor the group is configured: nothing is enrolled, so everything is refused.</summary>
    [JsonStringEnumMemberName("no-enrollment-configured")] NoEnrollmentConfigured,
}

/// <summary>
/// The answer of <see cref="IMailboxEnrollment.CheckAsync"/>: the status, a sentence a person can act on, and
/// the app setting to change (as an environment variable, <c>Outreach__Pipeline__…</c>) when changing one helps.
/// </summary>
public sealed record EnrollmentDecision(string Mailbox, EnrollmentStatus Status, string Reason, string? Setting)
{
    public const string MailboxesSetting = "Outreach__Pipeline__Mailboxes";

    public const string GroupSetting = "Outreach__Pipeline__MailboxGroupId";

    public bool IsEnrolled => Status == EnrollmentStatus.Enrolled;
}
