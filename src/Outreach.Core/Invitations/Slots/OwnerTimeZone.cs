using System.Diagnostics.CodeAnalysis;
using TimeZoneConverter;

namespace Outreach.Core.Invitations.Slots;

/// <summary>
/// Resolves a mailbox owner's time zone from a Windows id ("W. Europe Standard Time", what Outlook's
/// mailboxSettings usually holds) or an IANA id ("Europe/Berlin"). TimeZoneConverter carries the
/// Windows↔IANA mapping itself, so this works with InvariantGlobalization (no ICU) on Linux as well as on
/// Windows; the rules themselves come from the operating system's time zone data.
/// </summary>
public static class OwnerTimeZone
{
    /// <summary>The zone, or an <see cref="ArgumentException"/> naming the unknown id.</summary>
    public static TimeZoneInfo Resolve(string timeZoneId)
    {
        if (TryResolve(timeZoneId, out var zone)) return zone;
        throw new ArgumentException($"Unknown time zone '{timeZoneId}': give a Windows id such as \"W. Europe Standard Time\" or an IANA id such as \"Europe/Berlin\".", nameof(timeZoneId));
    }

    public static bool TryResolve(string? timeZoneId, [NotNullWhen(true)] out TimeZoneInfo? zone)
    {
        zone = null;
        if (string.IsNullOrWhiteSpace(timeZoneId)) return false;
        return TZConvert.TryGetTimeZoneInfo(timeZoneId.Trim(), out zone);
    }

    /// <summary>The IANA id people recognise ("Europe/Berlin"), also for a Windows id.</summary>
    public static string IanaId(string timeZoneId)
    {
        var id = timeZoneId.Trim();
        if (TZConvert.TryWindowsToIana(id, out var iana)) return iana;
        return id;
    }
}
