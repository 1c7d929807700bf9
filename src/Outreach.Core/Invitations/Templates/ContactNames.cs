namespace Outreach.Core.Invitations.Templates;

/// <summary>What to call a contact in a greeting, from the display name their mail carries.</summary>
public static class ContactNames
{
    private static readonly HashSet<string> Honorifics = new(StringComparer.OrdinalIgnoreCase)
    {
        "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "herr", "frau", "mme", "mlle", "m",
    };

    /// <summary>Words that make a display name a team or a role rather than a person.</summary>
    private static readonly HashSet<string> RoleWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "team", "support", "sales", "info", "admin", "office", "service", "services", "desk", "helpdesk",
        "billing", "accounts", "marketing", "newsletter", "noreply", "no-reply", "notifications", "hr",
    };

    private static readonly string[] Suffixes = ["jr", "sr", "phd", "md", "mba", "esq", "ii", "iii"];

    /// <summary>
    /// "Priya Raman", "Raman, Priya", "Dr. Priya Raman (Fabrikam)" and "PRIYA RAMAN" all give "Priya".
    /// Null when there is nothing to greet by: no name, an address (or markup) used as the name, an
    /// initial only, or a team ("Fabrikam Support").
    /// </summary>
    public static string? FirstName(string? displayName)
    {
        var name = PlainText.SingleLine(displayName);
        if (name.Length == 0 || name.IndexOfAny(['@', '<', '>']) >= 0) return null;

        name = WithoutBrackets(name).Trim().Trim('"', '\'', '“', '”', '‘', '’').Trim();
        var comma = name.IndexOf(',', StringComparison.Ordinal);
        if (comma >= 0)
        {
            var before = name[..comma].Trim();
            var after = name[(comma + 1)..].Trim();
            // "Raman, Priya" (family name first) unless what follows is a suffix ("Priya Raman, PhD").
            var afterIsSuffix = Suffixes.Contains(after.TrimEnd('.'), StringComparer.OrdinalIgnoreCase);
            name = !afterIsSuffix && after.Length > 0 && !before.Contains(' ', StringComparison.Ordinal) ? after : before;
        }

        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length == 0 || words.Any(w => RoleWords.Contains(w.Trim('.', ',')))) return null;

        var first = words.SkipWhile(w => words.Length > 1 && Honorifics.Contains(w.TrimEnd('.'))).FirstOrDefault();
        if (first is null) return null;
        first = first.TrimEnd('.', ',', ';', ':');

        var letters = first.Count(char.IsLetter);
        if (letters < 2 || first.Length > 40 || first.Any(c => !char.IsLetter(c) && c is not '-' and not '\'' and not '’')) return null;

        return IsSingleCase(first) ? TitleCase(first) : first;
    }

    private static string WithoutBrackets(string name)
    {
        var builder = new System.Text.StringBuilder(name.Length);
        var depth = 0;
        foreach (var c in name)
        {
            if (c is '(' or '[') depth++;
            else if (c is ')' or ']') depth = Math.Max(0, depth - 1);
            else if (depth == 0) builder.Append(c);
        }

        return builder.ToString();
    }

    private static bool IsSingleCase(string word)
    {
        var cased = word.Where(char.IsLetter).ToArray();
        return cased.All(char.IsUpper) || cased.All(char.IsLower);
    }

    /// <summary>"JEAN-LUC" and "jean-luc" give "Jean-Luc".</summary>
    private static string TitleCase(string word)
    {
        var chars = word.ToLowerInvariant().ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (i == 0 || chars[i - 1] is '-' or '\'' or '’') chars[i] = char.ToUpperInvariant(chars[i]);
        }

        return new string(chars);
    }
}
