using System.Globalization;
using System.Text;
using Microsoft.Extensions.Primitives;

namespace Outreach.Testing.Graph.Internal;

/// <summary>
/// The Prefer header (RFC 7240). Clients may send several headers, each with comma-separated
/// preferences such as <c>odata.maxpagesize=1000, IdType="ImmutableId"</c>; the SDK does both.
/// </summary>
internal static class PreferHeader
{
    /// <summary>Graph's page size for message and event delta when the client states none.</summary>
    public const int DefaultPageSize = 10;

    /// <summary>The largest page Graph's Outlook delta hands out.</summary>
    public const int MaxPageSize = 1000;

    /// <summary>Every preference from every header, trimmed; commas inside quotes do not split.</summary>
    public static IReadOnlyList<string> Preferences(StringValues headers)
    {
        var result = new List<string>();
        foreach (var header in headers)
        {
            var current = new StringBuilder();
            var quoted = false;
            foreach (var c in header ?? "")
            {
                if (c == '"')
                {
                    quoted = !quoted;
                }

                if (c == ',' && !quoted)
                {
                    AddTrimmed(result, current);
                    continue;
                }

                current.Append(c);
            }

            AddTrimmed(result, current);
        }

        return result;
    }

    /// <summary>The odata.maxpagesize asked for, capped at <see cref="MaxPageSize"/>; null when absent or unusable.</summary>
    public static int? RequestedPageSize(IReadOnlyList<string> preferences)
    {
        foreach (var preference in preferences)
        {
            // A preference may carry parameters after ';' (RFC 7240); only the value matters here.
            var nameValue = preference.Split(';')[0].Split('=', 2);
            if (nameValue.Length == 2 &&
                nameValue[0].Trim().Equals("odata.maxpagesize", StringComparison.OrdinalIgnoreCase) &&
                int.TryParse(nameValue[1].Trim().Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var size) &&
                size > 0)
            {
                return Math.Min(size, MaxPageSize);
            }
        }

        return null;
    }

    /// <summary>The zone name of <c>outlook.timezone="..."</c>, or null when the client asked for none.</summary>
    public static string? OutlookTimeZone(IReadOnlyList<string> preferences)
    {
        foreach (var preference in preferences)
        {
            var nameValue = preference.Split('=', 2);
            if (nameValue.Length == 2 && nameValue[0].Trim().Equals("outlook.timezone", StringComparison.OrdinalIgnoreCase))
            {
                return nameValue[1].Trim().Trim('"');
            }
        }

        return null;
    }

    private static void AddTrimmed(List<string> result, StringBuilder current)
    {
        var text = current.ToString().Trim();
        if (text.Length > 0)
        {
            result.Add(text);
        }

        current.Clear();
    }
}
