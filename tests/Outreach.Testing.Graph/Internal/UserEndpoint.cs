using System.Globalization;
using System.Text.Json.Nodes;

namespace Outreach.Testing.Graph.Internal;

/// <summary>
/// <c>GET /v1.0/users/{id}</c>: the mailbox owner's directory profile. Without $select Graph's default
/// property set; with $select only the chosen properties (case-insensitive), as the directory does
/// (no id unless selected). Properties the fake does not model are left out rather than rejected.
/// </summary>
internal static class UserEndpoint
{
    public static GraphResponse Handle(GraphCall call, FakeMailbox mailbox)
    {
        var displayName = mailbox.DisplayName;
        var words = displayName.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
        var mail = mailbox.Address.Contains('@', StringComparison.Ordinal) ? mailbox.Address : null;
        var user = new JsonObject
        {
            ["businessPhones"] = new JsonArray(),
            ["displayName"] = displayName,
            ["givenName"] = words.Length > 0 ? words[0] : null,
            ["jobTitle"] = null,
            ["mail"] = mail,
            ["mobilePhone"] = null,
            ["officeLocation"] = null,
            ["preferredLanguage"] = "en-US",
            ["surname"] = words.Length > 1 ? words[1] : null,
            ["userPrincipalName"] = mail ?? mailbox.Address,
            ["id"] = mailbox.DirectoryId.ToString("D", CultureInfo.InvariantCulture),
        };

        return Handle(call, user);
    }

    /// <summary>Any directory user (see <see cref="FakeTeams.AddUser"/>), projected the same way.</summary>
    public static GraphResponse Handle(GraphCall call, JsonObject user)
    {
        var select = SelectProjection.Parse(call.Query("$select"));
        call.Select = select;
        var context = select is null
            ? $"{call.BaseUrl}/$metadata#users/$entity"
            : $"{call.BaseUrl}/$metadata#users({string.Join(',', select)})/$entity";
        var body = new JsonObject { ["@odata.context"] = context };
        foreach (var (name, value) in user)
        {
            if (select is null || select.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                body[name] = value?.DeepClone();
            }
        }

        return new GraphResponse(200, body, GraphResponse.ODataContentType);
    }
}
