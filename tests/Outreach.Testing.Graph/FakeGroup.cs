using System.Text.Json.Nodes;

namespace Outreach.Testing.Graph;

/// <summary>A group's user members, as Graph's directory returns them (id, userPrincipalName, mail, accountEnabled).</summary>
public sealed class FakeGroup(string id)
{
    private readonly List<JsonObject> _users = [];

    public string Id { get; } = id;

    public FakeGroup AddUser(string userPrincipalName, string? mail = null, bool accountEnabled = true)
    {
        lock (_users)
        {
            _users.Add(new JsonObject
            {
                ["@odata.type"] = "#microsoft.graph.user",
                ["id"] = Guid.NewGuid().ToString(),
                ["userPrincipalName"] = userPrincipalName,
                ["mail"] = mail,
                ["accountEnabled"] = accountEnabled,
                ["displayName"] = userPrincipalName.Split('@')[0],
            });
        }

        return this;
    }

    internal List<JsonObject> Snapshot()
    {
        lock (_users) return [.. _users.Select(u => (JsonObject)u.DeepClone())];
    }
}
