using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Outreach.Graph.Sample;

/// <summary>
/// A recorded mailbox in Graph's own JSON (messages and calendar events) with an anchor date. Read as of
/// another moment, every date moves by the same amount, so the sample always looks current and its
/// contacts keep their statuses whatever today is.
/// </summary>
public sealed class SampleMailbox
{
    private readonly JsonObject _root;

    private SampleMailbox(JsonObject root)
    {
        _root = root;
        Anchor = DateTimeOffset.Parse((string?)root["anchor"] ?? throw Invalid("anchor"), CultureInfo.InvariantCulture);
        Mailbox = (string?)root["mailbox"]?["userPrincipalName"] ?? throw Invalid("mailbox.userPrincipalName");
        DisplayName = (string?)root["mailbox"]?["displayName"];
        DoNotContact = Strings(root["policy"]?["doNotContact"]);
        InternalDomains = Strings(root["policy"]?["internalDomains"]);
    }

    public DateTimeOffset Anchor { get; }

    public string Mailbox { get; }

    public string? DisplayName { get; }

    public IReadOnlyList<string> DoNotContact { get; }

    public IReadOnlyList<string> InternalDomains { get; }

    public static SampleMailbox Load(Stream json)
    {
        var root = JsonNode.Parse(json) as JsonObject ?? throw new InvalidDataException("A sample mailbox is a JSON object.");
        return new SampleMailbox(root);
    }

    /// <summary>The Graph message objects of "inbox" or "sentitems", dates moved to <paramref name="asOf"/>.</summary>
    public JsonArray Messages(string folder, DateTimeOffset asOf) => Shifted(_root["folders"]?[folder], asOf);

    /// <summary>The Graph event objects, dates moved to <paramref name="asOf"/>.</summary>
    public JsonArray Events(DateTimeOffset asOf) => Shifted(_root["events"], asOf);

    /// <summary>The sample's Teams call records (its own small form, see <see cref="SampleTeamsReader"/>), dates moved.</summary>
    public JsonArray Calls(DateTimeOffset asOf) => Shifted(_root["teams"]?["calls"], asOf);

    /// <summary>The sample's Teams chats with their members and messages, dates moved.</summary>
    public JsonArray Chats(DateTimeOffset asOf) => Shifted(_root["teams"]?["chats"], asOf);

    /// <summary>The sample's LinkedIn export as imported (<see cref="SampleImports"/>): "contacts" or "messages", dates moved.</summary>
    public JsonArray LinkedIn(string part, DateTimeOffset asOf) => Shifted(_root["linkedin"]?[part], asOf);

    private JsonArray Shifted(JsonNode? items, DateTimeOffset asOf)
    {
        var copy = items?.DeepClone() as JsonArray ?? [];
        ShiftDates(copy, asOf - Anchor);
        return copy;
    }

    /// <summary>
    /// Moves every date-time in Graph JSON by <paramref name="offset"/>: properties named *DateTime or
    /// *dateTime (ISO 8601 with Z, or Graph's zone-less dateTimeTimeZone form) and "time". Graph's
    /// "no value" date (0001-01-01) stays as it is.
    /// </summary>
    public static void ShiftDates(JsonNode? node, TimeSpan offset)
    {
        switch (node)
        {
            case JsonArray array:
                foreach (var item in array) ShiftDates(item, offset);
                break;
            case JsonObject obj:
                foreach (var (name, value) in obj.ToList())
                {
                    if (value is JsonValue leaf && leaf.TryGetValue<string>(out var text) && IsDateProperty(name)
                        && DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed)
                        && parsed.Year > 1900)
                    {
                        var moved = parsed + offset;
                        obj[name] = text.EndsWith('Z')
                            ? moved.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)
                            : moved.ToString("yyyy-MM-ddTHH:mm:ss.fffffff", CultureInfo.InvariantCulture);
                    }
                    else
                    {
                        ShiftDates(value, offset);
                    }
                }

                break;
        }
    }

    private static bool IsDateProperty(string name) =>
        name.EndsWith("DateTime", StringComparison.OrdinalIgnoreCase) || name.Equals("time", StringComparison.Ordinal);

    private static List<string> Strings(JsonNode? node) =>
        node is JsonArray array ? [.. array.Select(n => (string?)n).OfType<string>()] : [];

    private static InvalidDataException Invalid(string property) => new($"The sample mailbox lacks '{property}'.");

    internal static JsonElement ToElement(JsonNode node) => JsonSerializer.SerializeToElement(node, SampleJsonContext.Default.JsonNode);
}
