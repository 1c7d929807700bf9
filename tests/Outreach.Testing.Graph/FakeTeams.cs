using System.Text.Json.Nodes;

namespace Outreach.Testing.Graph;

/// <summary>
/// The tenant's Teams data and directory, as Graph JSON objects (build them with <see cref="TeamsWire"/>):
/// directory users beyond the mailboxes (<c>GET /users/{id}</c>), chats with their members and messages, and
/// call records with their <c>participants_v2</c> and sessions. Counts <c>getAllMessages</c> requests, which our
/// reader must never send (metered, billed per message). Thread-safe.
/// </summary>
public sealed class FakeTeams
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, JsonObject> _users = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<FakeChat> _chats = [];
    private readonly List<FakeCallRecord> _callRecords = [];
    private readonly HashSet<string> _refusedChats = new(StringComparer.Ordinal);
    private int _getAllMessagesRequests;

    /// <summary>Requests that reached a <c>getAllMessages</c> endpoint (answered with an error).</summary>
    public int GetAllMessagesRequests => Volatile.Read(ref _getAllMessagesRequests);

    /// <summary>A directory user (a colleague, or a B2B guest with an #EXT# UPN) that <c>GET /users/{id}</c> answers for.</summary>
    public JsonObject AddUser(JsonObject user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var id = (string?)user["id"] ?? throw new ArgumentException("A user needs an id.", nameof(user));
        lock (_gate)
        {
            _users[id] = (JsonObject)user.DeepClone();
            if ((string?)user["userPrincipalName"] is { } upn) _users[upn] = (JsonObject)user.DeepClone();
        }

        return user;
    }

    /// <summary>A chat (<see cref="TeamsWire.Chat"/>) with its members (<see cref="TeamsWire.Member"/>).</summary>
    public void AddChat(JsonObject chat, params JsonObject[] members)
    {
        ArgumentNullException.ThrowIfNull(chat);
        var id = (string?)chat["id"] ?? throw new ArgumentException("A chat needs an id.", nameof(chat));
        lock (_gate)
        {
            _chats.Add(new FakeChat(id, (JsonObject)chat.DeepClone(), [.. members.Select(m => (JsonObject)m.DeepClone())]));
        }
    }

    /// <summary>A message of a chat (<see cref="TeamsWire.Message"/>, <see cref="TeamsWire.CallEnded"/>); a message with the same id is replaced (edited).</summary>
    public void AddMessage(string chatId, JsonObject message)
    {
        ArgumentNullException.ThrowIfNull(message);
        lock (_gate)
        {
            var chat = _chats.FirstOrDefault(c => c.Id == chatId) ?? throw new InvalidOperationException($"No chat '{chatId}'.");
            var id = (string?)message["id"];
            chat.Messages.RemoveAll(m => (string?)m["id"] == id);
            chat.Messages.Add((JsonObject)message.DeepClone());
        }
    }

    /// <summary>A call record (<see cref="TeamsWire.CallRecord"/>) with its participants_v2 and sessions.</summary>
    public void AddCallRecord(JsonObject record, IEnumerable<JsonObject> participants, IEnumerable<JsonObject>? sessions = null)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_gate)
        {
            _callRecords.Add(new FakeCallRecord(
                (string?)record["id"] ?? throw new ArgumentException("A call record needs an id.", nameof(record)),
                (JsonObject)record.DeepClone(),
                [.. participants.Select(p => (JsonObject)p.DeepClone())],
                [.. (sessions ?? []).Select(s => (JsonObject)s.DeepClone())]));
        }
    }

    /// <summary>
    /// Listing this chat's messages answers 403 from now on, as Graph does for a chat an app may not read from this tenant
    /// (one started in another tenant).
    /// </summary>
    public void RefuseMessages(string chatId)
    {
        lock (_gate) _refusedChats.Add(chatId);
    }

    internal bool IsRefused(string chatId)
    {
        lock (_gate) return _refusedChats.Contains(chatId);
    }

    internal void CountGetAllMessages() => Interlocked.Increment(ref _getAllMessagesRequests);

    internal JsonObject? FindUser(string idOrUpn)
    {
        lock (_gate) return _users.TryGetValue(idOrUpn, out var user) ? (JsonObject)user.DeepClone() : null;
    }

    /// <summary>Chats the user (by directory object id) is a member of, as copies.</summary>
    internal List<FakeChat> ChatsOf(string userObjectId)
    {
        lock (_gate)
        {
            return [.. _chats
                .Where(c => c.Members.Any(m => string.Equals((string?)m["userId"], userObjectId, StringComparison.OrdinalIgnoreCase)))
                .Select(c => c.Copy())];
        }
    }

    internal FakeChat? FindChat(string chatId)
    {
        lock (_gate) return _chats.FirstOrDefault(c => c.Id == chatId)?.Copy();
    }

    internal List<FakeCallRecord> CallRecords()
    {
        lock (_gate) return [.. _callRecords];
    }

    internal FakeCallRecord? FindCallRecord(string id)
    {
        lock (_gate) return _callRecords.FirstOrDefault(r => r.Id == id);
    }

    internal sealed record FakeChat(string Id, JsonObject Chat, List<JsonObject> Members)
    {
        public List<JsonObject> Messages { get; init; } = [];

        public FakeChat Copy() => new(Id, (JsonObject)Chat.DeepClone(), [.. Members.Select(m => (JsonObject)m.DeepClone())])
        {
            Messages = [.. Messages.Select(m => (JsonObject)m.DeepClone())],
        };
    }

    internal sealed record FakeCallRecord(string Id, JsonObject Record, List<JsonObject> Participants, List<JsonObject> Sessions);
}
