using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text;
using Outreach.Core.Digest;
using Outreach.Core.Invitations;
using Outreach.Core.State;

namespace Outreach.Core.Telemetry;

/// <summary>
/// The app's one ActivitySource and one Meter, both named "Outreach", and the instruments on the meter.
/// <para>
/// Privacy: a tag value is only ever one of a closed set of words (an enum's name, a stage, an endpoint
/// name from <c>Outreach.Graph</c>'s vocabulary) or a number; never a mailbox, a contact, an id from Graph
/// or a message's text. The methods below take typed values for that reason, so no caller can pass a string
/// that happens to be an address. The scan id is the one identifier spans carry: it is ours (a timestamp and
/// a random suffix, <see cref="Pipeline.ScanRecord.NewId"/>), and it is what an operator looks a scan up by.
/// </para>
/// </summary>
public static class OutreachTelemetry
{
    /// <summary>The ActivitySource and Meter name a host subscribes to.</summary>
    public const string Name = "Outreach";

    public static readonly ActivitySource Source = new(Name);

    public static readonly Meter Meter = new(Name);

    /// <summary>Scans that ended, by outcome ("completed" or "failed"), failure kind and trigger.</summary>
    public static readonly Counter<long> Scans = Meter.CreateCounter<long>("outreach.scans", "{scan}", "Scans that ended, by outcome");

    /// <summary>Requests sent to Graph (each retry is one more), by endpoint name and status code.</summary>
    public static readonly Counter<long> GraphRequests = Meter.CreateCounter<long>("outreach.graph.requests", "{request}", "Requests sent to Microsoft Graph, retries included");

    /// <summary>Graph answers 429 (throttled), by endpoint name.</summary>
    public static readonly Counter<long> GraphThrottled = Meter.CreateCounter<long>("outreach.graph.throttled", "{response}", "Microsoft Graph answers 429 Too Many Requests");

    /// <summary>Messages and events read from the change feeds, by stream (inbox, sentitems, calendar).</summary>
    public static readonly Counter<long> TouchpointsRead = Meter.CreateCounter<long>("outreach.touchpoints.read", "{item}", "Messages and events read from the mailbox's change feeds");

    /// <summary>One per contact of an invitation request, by outcome and (when skipped or failed) reason.</summary>
    public static readonly Counter<long> Invitations = Meter.CreateCounter<long>("outreach.invitations", "{invitation}", "Invitation results, by outcome");

    /// <summary>Weekly digests, by outcome.</summary>
    public static readonly Counter<long> Digests = Meter.CreateCounter<long>("outreach.digests", "{digest}", "Weekly digests, by outcome");

    /// <summary>A scan ended: completed, or failed with the kind of failure (null when completed).</summary>
    public static void ScanEnded(ScanTrigger trigger, Enum? failure)
    {
        var tags = new TagList
        {
            { "outcome", failure is null ? "completed" : "failed" },
            { "trigger", Word(trigger) },
        };
        if (failure is not null) tags.Add("failure", Word(failure));
        Scans.Add(1, tags);
        Activity.Current?.SetTag("outreach.scan.outcome", failure is null ? "completed" : "failed");
    }

    /// <summary>A scan failure that is not a <see cref="Sources.MailboxAccessFailure"/>.</summary>
    public enum ScanFailure
    {
        /// <summary>The stage threw on its last delivery; the message went to the poison queue.</summary>
        Crashed,
        /// <summary>The mailbox is not (or no longer) enrolled.</summary>
        NotEnrolled,
    }

    /// <summary>The trigger of a scan as a closed set (the queue message says "timer" or "http").</summary>
    public enum ScanTrigger
    {
        Timer,
        Http,
        Other,
    }

    /// <summary>"timer" / "http" as the pipeline spells them, else <see cref="ScanTrigger.Other"/>.</summary>
    public static ScanTrigger TriggerOf(string? trigger) => trigger switch
    {
        "timer" => ScanTrigger.Timer,
        "http" => ScanTrigger.Http,
        _ => ScanTrigger.Other,
    };

    /// <summary>
    /// One request on the wire to a Graph endpoint (a name from the Graph adapter's fixed vocabulary, never a
    /// URL); <paramref name="status"/> null when no response came. A 429 also counts as throttled.
    /// </summary>
    public static void GraphRequest(string endpoint, int? status)
    {
        var tags = new TagList { { "endpoint", endpoint } };
        if (status is { } code) tags.Add("http.response.status_code", code);
        else tags.Add("error.type", "no_response");
        GraphRequests.Add(1, tags);
        if (status == 429) GraphThrottled.Add(1, new KeyValuePair<string, object?>("endpoint", endpoint));
    }

    /// <summary>Items of one change-feed page of a stream (<see cref="StreamNames"/>; any other name counts as "other").</summary>
    public static void Read(string stream, int items)
    {
        var name = stream is StreamNames.Inbox or StreamNames.SentItems or StreamNames.Calendar ? stream : "other";
        if (items > 0) TouchpointsRead.Add(items, new KeyValuePair<string, object?>("stream", name));
    }

    /// <summary>One contact's invitation result.</summary>
    public static void Invited(InvitationOutcome outcome, InvitationReasonCode? reason, bool dryRun)
    {
        var tags = new TagList { { "outcome", Word(outcome) }, { "dry_run", dryRun } };
        if (reason is { } code) tags.Add("reason", Word(code));
        Invitations.Add(1, tags);
    }

    /// <summary>One weekly digest's outcome.</summary>
    public static void Digested(DigestOutcome outcome)
    {
        Digests.Add(1, new KeyValuePair<string, object?>("outcome", Word(outcome)));
        Activity.Current?.SetTag("outreach.digest.outcome", Word(outcome));
    }

    /// <summary>An enum member's name in snake case ("AlreadySent" → "already_sent"): the only strings tags carry.</summary>
    public static string Word(Enum value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var name = value.ToString();
        var text = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c) && i > 0 && name[i - 1] != '_') text.Append('_');
            text.Append(char.ToLowerInvariant(c));
        }

        return text.ToString();
    }
}
