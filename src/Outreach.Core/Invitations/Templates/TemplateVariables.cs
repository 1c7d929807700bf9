using System.Globalization;
using Outreach.Core.Invitations.Slots;

namespace Outreach.Core.Invitations.Templates;

/// <summary>
/// The variables a template sees (README.md beside this file lists them): every one is always defined,
/// optional ones as "" (test them with <c>!= blank</c>), and every value is plain text that the body's
/// HTML encoder escapes.
/// </summary>
internal static class TemplateVariables
{
    /// <summary>Root name → its members (empty for a plain value).</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Schema = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["contact"] = ["name", "first_name", "email"],
        ["latest_subject"] = [],
        ["owner"] = ["name", "signature", "signature_lines"],
        ["meeting"] =
        [
            "mode", "location", "date", "start_time", "end_time", "time_zone", "utc_offset", "when", "duration",
            "duration_minutes",
        ],
    };

    /// <summary>Loop objects Liquid defines itself.</summary>
    public static readonly IReadOnlySet<string> BuiltIn = new HashSet<string>(StringComparer.Ordinal) { "forloop", "tablerowloop" };

    public static IEnumerable<string> Names =>
        Schema.SelectMany(root => root.Value.Length == 0 ? [root.Key] : root.Value.Select(member => $"{root.Key}.{member}"));

    public static Dictionary<string, object> From(InvitationTemplateModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.End <= model.Start) throw new ArgumentException("The meeting must end after it starts.", nameof(model));

        var zone = OwnerTimeZone.Resolve(model.TimeZoneId);
        var start = TimeZoneInfo.ConvertTime(model.Start, zone);
        var end = TimeZoneInfo.ConvertTime(model.End, zone);
        var minutes = (int)Math.Round((model.End - model.Start).TotalMinutes);
        var zoneName = ZoneName(model.TimeZoneId);
        var offset = Offset(start.Offset);
        var date = start.ToString("dddd d MMMM yyyy", CultureInfo.InvariantCulture);
        var startTime = start.ToString("HH:mm", CultureInfo.InvariantCulture);
        var endTime = DateOnly.FromDateTime(end.DateTime) == DateOnly.FromDateTime(start.DateTime)
            ? end.ToString("HH:mm", CultureInfo.InvariantCulture)
            : end.ToString("dddd d MMMM yyyy, HH:mm", CultureInfo.InvariantCulture);
        var zoneAndOffset = zoneName == offset ? offset : $"{zoneName}, {offset}";

        var displayName = PlainText.SingleLine(model.ContactDisplayName);
        var firstName = model.ContactFirstName is { } given ? PlainText.SingleLine(given) : ContactNames.FirstName(displayName) ?? string.Empty;
        var signatureLines = PlainText.Lines(model.OwnerSignature);

        return new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["contact"] = new Dictionary<string, object>(StringComparer.Ordinal)
            {
                ["name"] = displayName,
                ["first_name"] = firstName,
                ["email"] = PlainText.SingleLine(model.ContactEmail),
            },
            ["latest_subject"] = PlainText.WithoutReplyPrefixes(PlainText.SingleLine(model.LatestSubject)),
            ["owner"] = new Dictionary<string, object>(StringComparer.Ordinal)
            {
                ["name"] = PlainText.SingleLine(model.OwnerName),
                ["signature"] = string.Join("\n", signatureLines),
                ["signature_lines"] = signatureLines.ToArray(),
            },
            ["meeting"] = new Dictionary<string, object>(StringComparer.Ordinal)
            {
                ["mode"] = InvitationModes.Name(model.Mode),
                ["location"] = PlainText.SingleLine(model.Location),
                ["date"] = date,
                ["start_time"] = startTime,
                ["end_time"] = endTime,
                ["time_zone"] = zoneName,
                ["utc_offset"] = offset,
                ["when"] = $"{date}, {startTime}–{endTime} ({zoneAndOffset})",
                ["duration"] = Duration(minutes),
                ["duration_minutes"] = minutes,
            },
        };
    }

    /// <summary>"30 minutes", "1 hour", "1 hour 30 minutes", "2 hours".</summary>
    internal static string Duration(int minutes)
    {
        var hours = minutes / 60;
        var rest = minutes % 60;
        var parts = new List<string>(2);
        if (hours > 0) parts.Add(string.Create(CultureInfo.InvariantCulture, $"{hours} hour{(hours == 1 ? "" : "s")}"));
        if (rest > 0 || hours == 0) parts.Add(string.Create(CultureInfo.InvariantCulture, $"{rest} minute{(rest == 1 ? "" : "s")}"));
        return string.Join(' ', parts);
    }

    private static string ZoneName(string timeZoneId)
    {
        var iana = OwnerTimeZone.IanaId(timeZoneId);
        return iana is "UTC" or "Etc/UTC" or "Etc/GMT" or "Etc/Universal" or "Etc/Zulu" ? "UTC" : iana;
    }

    /// <summary>"UTC+01:00", "UTC+05:30", "UTC-05:00", "UTC".</summary>
    private static string Offset(TimeSpan offset) =>
        offset == TimeSpan.Zero
            ? "UTC"
            : string.Create(CultureInfo.InvariantCulture, $"UTC{(offset < TimeSpan.Zero ? '-' : '+')}{offset.Duration():hh\\:mm}");

    /// <summary>Models the start-up check renders every template with: all values present, and all optional ones missing.</summary>
    public static IEnumerable<InvitationTemplateModel> Samples()
    {
        var start = new DateTimeOffset(2026, 3, 10, 13, 30, 0, TimeSpan.Zero);
        foreach (var mode in Enum.GetValues<InvitationMode>())
        {
            yield return new InvitationTemplateModel
            {
                ContactEmail = "priya.raman@fabrikam.com",
                ContactDisplayName = "Priya Raman",
                LatestSubject = "Q3 pricing",
                OwnerName = "Avery Quinn",
                OwnerSignature = "Avery Quinn\nNorthwind Labs",
                Mode = mode,
                Location = "Café Lumen, Friedrichstraße 12, Berlin",
                Start = start,
                End = start.AddMinutes(30),
                TimeZoneId = "Europe/Berlin",
            };
            yield return new InvitationTemplateModel
            {
                ContactEmail = "someone@fabrikam.com",
                Mode = mode,
                Start = start,
                End = start.AddMinutes(30),
                TimeZoneId = "UTC",
            };
        }
    }
}
