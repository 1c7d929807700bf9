using System.Text.Json.Nodes;

namespace Outreach.Testing.Graph.Internal;

/// <summary>
/// <c>POST /v1.0/users/{id}/calendar/getSchedule</c>: free/busy of each requested schedule over a
/// window. Items come from the schedule owner's calendar (events that are not cancelled, not declined,
/// showAs respected, busy by default) and its <see cref="FakeMailbox.AddBusy"/> blocks; times are in the
/// zone of <c>Prefer: outlook.timezone</c>, else UTC. Addresses without a mailbox on this server get
/// Graph's per-schedule error, not a failed request.
/// </summary>
internal static class GetScheduleEndpoint
{
    private const int DefaultInterval = 30;

    // Graph's limits: a slot of 5 minutes to a day, a window of at most 62 days.
    private const int MinInterval = 5;
    private const int MaxInterval = 1440;
    private static readonly TimeSpan MaxWindow = TimeSpan.FromDays(62);

    public static GraphResponse Handle(GraphCall call, Func<string, FakeMailbox?> findMailbox)
    {
        var request = call.JsonBody();
        var schedules = Schedules(request["schedules"]);
        var (_, start) = GraphDateTime.FromRequest(request["startTime"], "'startTime'");
        var (_, end) = GraphDateTime.FromRequest(request["endTime"], "'endTime'");
        if (end <= start)
        {
            throw new GraphErrorException(GraphError.InvalidRequest(
                "Your request can't be completed. The end time must be later than the start time."));
        }

        if (end - start > MaxWindow)
        {
            throw new GraphErrorException(GraphError.InvalidRequest(
                "Your request can't be completed. The requested time window can't be longer than 62 days."));
        }

        var interval = Interval(request["availabilityViewInterval"]);
        var (zoneName, zone) = OutputZone(call);

        var value = new JsonArray();
        foreach (var scheduleId in schedules)
        {
            value.Add(findMailbox(scheduleId) is { } mailbox
                ? Schedule(scheduleId, mailbox, start, end, interval, item => GraphDateTime.ToDateTimeTimeZone(item, zoneName, zone))
                : Unresolved(scheduleId));
        }

        var body = new JsonObject
        {
            ["@odata.context"] = $"{call.BaseUrl}/$metadata#Collection(microsoft.graph.scheduleInformation)",
            ["value"] = value,
        };
        return new GraphResponse(200, body, GraphResponse.ODataContentType);
    }

    private static List<string> Schedules(JsonNode? node)
    {
        var schedules = (node as JsonArray ?? [])
            .Select(n => n is JsonValue v && v.TryGetValue<string>(out var s) ? s.Trim() : "")
            .ToList();
        if (schedules.Count == 0 || schedules.Any(s => s.Length == 0))
        {
            throw new GraphErrorException(GraphError.InvalidRequest(
                "Your request can't be completed. 'schedules' must list at least one email address."));
        }

        return schedules;
    }

    private static int Interval(JsonNode? node)
    {
        if (node is null)
        {
            return DefaultInterval;
        }

        if (node is not JsonValue value || !value.TryGetValue<int>(out var minutes))
        {
            throw new GraphErrorException(GraphError.InvalidLiteral(node.ToJsonString(), "Edm.Int32"));
        }

        return minutes is >= MinInterval and <= MaxInterval
            ? minutes
            : throw new GraphErrorException(GraphError.InvalidRequest(
                $"Your request can't be completed. availabilityViewInterval must be between {MinInterval} and {MaxInterval} minutes."));
    }

    private static (string Name, TimeZoneInfo Zone) OutputZone(GraphCall call)
    {
        var name = PreferHeader.OutlookTimeZone(call.Preferences);
        if (name is null)
        {
            return ("UTC", TimeZoneInfo.Utc);
        }

        return GraphTimeZones.TryFind(name, out var zone)
            ? (name, zone)
            : throw new GraphErrorException(GraphError.TimeZoneNotSupported(name));
    }

    private static JsonObject Schedule(
        string scheduleId,
        FakeMailbox mailbox,
        DateTimeOffset start,
        DateTimeOffset end,
        int interval,
        Func<DateTimeOffset, JsonObject> when)
    {
        var items = Items(mailbox, start, end);
        var view = AvailabilityView(items, start, end, interval);
        var scheduleItems = new JsonArray();
        foreach (var item in items)
        {
            var json = new JsonObject { ["isPrivate"] = item.IsPrivate, ["status"] = item.Status };
            if (item.Subject is not null)
            {
                json["subject"] = item.Subject;
            }

            if (item.Location is not null)
            {
                json["location"] = item.Location;
            }

            json["start"] = when(item.Start);
            json["end"] = when(item.End);
            scheduleItems.Add(json);
        }

        return new JsonObject
        {
            ["scheduleId"] = scheduleId,
            ["availabilityView"] = view,
            ["scheduleItems"] = scheduleItems,
            ["workingHours"] = mailbox.Settings.WorkingHoursJson(),
        };
    }

    private static List<ScheduleItem> Items(FakeMailbox mailbox, DateTimeOffset start, DateTimeOffset end)
    {
        var items = new List<ScheduleItem>();
        lock (mailbox.Gate)
        {
            foreach (var ev in mailbox.Events.Live)
            {
                if (ev["isCancelled"] is JsonValue cancelled && cancelled.TryGetValue<bool>(out var isCancelled) && isCancelled)
                {
                    continue;
                }

                // A meeting the owner declined does not block their time.
                if (string.Equals((string?)ev["responseStatus"]?["response"], "declined", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var window = EventWindow.Of(ev);
                if (!window.Overlaps(start, end))
                {
                    continue;
                }

                var showAs = ev["showAs"] is JsonValue s && s.TryGetValue<string>(out var text) ? text : null;
                var isPrivate = string.Equals((string?)ev["sensitivity"], "private", StringComparison.OrdinalIgnoreCase);
                var location = ev["location"]?["displayName"] is JsonValue l && l.TryGetValue<string>(out var place) && place.Length > 0 ? place : null;
                items.Add(new ScheduleItem(
                    window.Start,
                    window.End,
                    FreeBusy.Canonical(showAs) ?? "busy",
                    isPrivate,
                    isPrivate ? null : (string?)ev["subject"] ?? "",
                    isPrivate ? null : location));
            }

            foreach (var block in mailbox.BusyBlocks)
            {
                if (block.Start < end && block.End > start)
                {
                    items.Add(new ScheduleItem(block.Start, block.End, block.Status, IsPrivate: false, Subject: null, Location: null));
                }
            }
        }

        return [.. items.OrderBy(i => i.Start).ThenBy(i => i.End)];
    }

    /// <summary>One digit per slot of <paramref name="interval"/> minutes: the most unavailable status of the items overlapping it.</summary>
    private static string AvailabilityView(List<ScheduleItem> items, DateTimeOffset start, DateTimeOffset end, int interval)
    {
        var slot = TimeSpan.FromMinutes(interval);
        var slots = (int)Math.Ceiling((end - start) / slot);
        var view = new char[slots];
        for (var i = 0; i < slots; i++)
        {
            var slotStart = start + (slot * i);
            var slotEnd = slotStart + slot < end ? slotStart + slot : end;
            var status = items
                .Where(item => item.Start < slotEnd && item.End > slotStart)
                .Select(item => item.Status)
                .OrderByDescending(FreeBusy.Weight)
                .FirstOrDefault() ?? "free";
            view[i] = FreeBusy.Digit(status);
        }

        return new string(view);
    }

    /// <summary>What Graph answers for an address it cannot resolve: an entry with an error, the request still 200.</summary>
    private static JsonObject Unresolved(string scheduleId) => new()
    {
        ["scheduleId"] = scheduleId,
        ["error"] = new JsonObject
        {
            ["message"] = $"Unable to resolve e-mail address {scheduleId} to an Active Directory object.",
            ["responseCode"] = "5009",
        },
    };

    private sealed record ScheduleItem(DateTimeOffset Start, DateTimeOffset End, string Status, bool IsPrivate, string? Subject, string? Location);
}
