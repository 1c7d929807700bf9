using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Outreach.Core.Contacts;

namespace Outreach.Storage.Internal;

/// <summary>
/// Turns addresses and ids into PartitionKey/RowKey values. Table keys forbid '/', '\', '#', '?' and
/// control characters; '%' and '\'' are allowed but break some service and emulator paths (deletes,
/// batches), so this escapes everything but letters, digits and ". _ - @" as "!XX" per UTF-8 byte.
/// The result is readable for ordinary addresses ("dana@fabrikam.com" stays as it is), distinct for
/// distinct well-formed inputs, and never longer than 1 KiB: an (absurdly) long key is cut and suffixed with a hash of the whole.
/// A key with a prefix goes through <see cref="Prefixed"/>, so the prefix counts towards that bound too.
/// </summary>
internal static class TableKeys
{
    private const int MaxLength = 512;

    /// <summary>The key of a mailbox or contact address: normalized (case-insensitive), then escaped.</summary>
    public static string ForAddress(string address) => Escape(EmailAddresses.Normalize(address));

    public static string Escape(string value) => Escape(value, MaxLength);

    /// <summary>
    /// A fixed prefix (a row kind such as "snooze-") and an escaped value, bounded as a whole: the value is
    /// cut and hashed to fit beside the prefix, so the key stays within the 1 KiB limit (512 UTF-16 chars) —
    /// https://learn.microsoft.com/rest/api/storageservices/understanding-the-table-service-data-model.
    /// Keys that already fit are exactly <c>prefix + Escape(value)</c>, so existing rows keep their keys.
    /// </summary>
    public static string Prefixed(string prefix, string value)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        return prefix + Escape(value, MaxLength - prefix.Length);
    }

    private static string Escape(string value, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(value);
        var builder = new StringBuilder(value.Length + 8);
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '@')
            {
                builder.Append(c);
                continue;
            }

            // A surrogate pair is one code point; an unpaired surrogate becomes U+FFFD.
            var rune = Rune.TryGetRuneAt(value, i, out var r) ? r : Rune.ReplacementChar;
            if (rune.Utf16SequenceLength == 2) i++;
            var length = rune.EncodeToUtf8(utf8);
            for (var b = 0; b < length; b++) builder.Append('!').Append(utf8[b].ToString("X2", CultureInfo.InvariantCulture));
        }

        if (builder.Length == 0) return "!";
        if (builder.Length <= maxLength) return builder.ToString();
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
        return string.Concat(builder.ToString(0, maxLength - hash.Length - 2), "!!", hash);
    }
}
