using System.Text;
using System.Text.RegularExpressions;

namespace Outreach.Core.Invitations.Templates;

/// <summary>Makes text safe for one line of plain text: a mail subject, a name.</summary>
internal static partial class PlainText
{
    /// <summary>
    /// Control characters (CR, LF, tab, NUL, NEL…), line and paragraph separators and bidirectional
    /// overrides become spaces; runs of white space become one space; the ends are trimmed.
    /// </summary>
    public static string SingleLine(string? value)
    {
        if (string.IsNullOrEmpty(value)) return string.Empty;
        var builder = new StringBuilder(value.Length);
        var space = false;
        foreach (var c in value)
        {
            var blank = char.IsWhiteSpace(c) || IsUnsafe(c);
            if (blank)
            {
                space = builder.Length > 0;
                continue;
            }

            if (space) builder.Append(' ');
            space = false;
            builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>Lines of a multi-line value (a signature), each made single-line, blank ones at the ends dropped.</summary>
    public static IReadOnlyList<string> Lines(string? value)
    {
        if (string.IsNullOrEmpty(value)) return [];
        var lines = value.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n', '\r', '\u2028', '\u2029', '\u0085')
            .Select(SingleLine).ToList();
        while (lines.Count > 0 && lines[0].Length == 0) lines.RemoveAt(0);
        while (lines.Count > 0 && lines[^1].Length == 0) lines.RemoveAt(lines.Count - 1);
        return lines;
    }

    /// <summary>
    /// A mail subject: tags removed (it is not HTML), then <see cref="SingleLine"/>, then cut to
    /// <paramref name="maxLength"/> characters without splitting a surrogate pair.
    /// </summary>
    public static string Subject(string? value, int maxLength)
    {
        var text = SingleLine(Tag().Replace(value ?? string.Empty, " "));
        if (text.Length <= maxLength) return text;
        var cut = char.IsHighSurrogate(text[maxLength - 1]) ? maxLength - 1 : maxLength;
        return text[..cut].TrimEnd();
    }

    /// <summary>"RE: FW: Q3 pricing" gives "Q3 pricing".</summary>
    public static string WithoutReplyPrefixes(string value)
    {
        var text = value;
        while (ReplyPrefix().Match(text) is { Success: true } match) text = text[match.Length..];
        return text.Length == 0 ? value : text;
    }

    private static bool IsUnsafe(char c) =>
        char.IsControl(c)
        || c is '\u2028' or '\u2029'
        || c is >= '\u202A' and <= '\u202E'
        || c is >= '\u2066' and <= '\u2069'
        || c is '\u200E' or '\u200F' or '\u061C' or '\uFEFF';

    [GeneratedRegex(@"</?[A-Za-z!][^<>]*>", RegexOptions.CultureInvariant)]
    private static partial Regex Tag();

    [GeneratedRegex(@"^\s*(re|fw|fwd|aw|wg|sv|vs|tr|rv|antw)\s*(\[\d+\])?\s*:\s*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ReplyPrefix();
}
