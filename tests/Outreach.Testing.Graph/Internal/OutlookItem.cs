using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Outreach.Testing.Graph.Internal;

/// <summary>What Outlook stamps on the items it stores: ids, change keys, timestamps, body previews.</summary>
internal static partial class OutlookItem
{
    /// <summary>An id shaped like Outlook's (base64url of an opaque entry id, "AAMkA" prefix), unique per call.</summary>
    public static string NewId() => "AAMkA" + Base64Url(RandomNumberGenerator.GetBytes(48)) + "=";

    /// <summary>A change key like Outlook's; it changes with every update of the item.</summary>
    public static string NewChangeKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(21));

    /// <summary>Marks an item as changed now: new change key and etag, lastModifiedDateTime.</summary>
    public static void Touch(JsonObject item, DateTimeOffset now)
    {
        var changeKey = NewChangeKey();
        item["@odata.etag"] = $"W/\"{changeKey}\"";
        item["lastModifiedDateTime"] = GraphDateTime.FormatTimestamp(now);
        item["changeKey"] = changeKey;
    }

    /// <summary>bodyPreview: the body as plain text, whitespace collapsed, at most 255 characters.</summary>
    public static string Preview(JsonObject? body)
    {
        var content = body?["content"] is JsonValue value && value.TryGetValue<string>(out var text) ? text : "";
        if (string.Equals((string?)body?["contentType"], "html", StringComparison.OrdinalIgnoreCase))
        {
            content = WebUtility.HtmlDecode(Tags().Replace(Invisible().Replace(content, " "), " "));
        }

        var plain = Whitespace().Replace(content, " ").Trim();
        return plain.Length <= 255 ? plain : plain[..255];
    }

    /// <summary>Copies a JSON tree without the "@odata.type" annotations the SDK sends on nested objects; Graph does not echo them.</summary>
    public static JsonNode? WithoutTypeAnnotations(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj
            .Where(p => p.Key != "@odata.type")
            .Select(p => KeyValuePair.Create(p.Key, WithoutTypeAnnotations(p.Value)))),
        JsonArray array => new JsonArray([.. array.Select(WithoutTypeAnnotations)]),
        _ => node?.DeepClone(),
    };

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [GeneratedRegex(@"<(head|style|script)\b.*?</\1\s*>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Invisible();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
