using System.Globalization;
using Outreach.Core.Policy;
using Outreach.Core.Sources;
using Outreach.Core.State;
using Outreach.Core.Touchpoints;

namespace Outreach.Tests.Contracts;

/// <summary>
/// A state as schema 1 stored it (Fixtures/schema1-state.json: written by the schema-1 code, commit 15082a7,
/// from <see cref="Pages"/>) and what that code's evaluator said of it (Fixtures/schema1-assessments.txt,
/// one <see cref="Line"/> per contact). A stored schema-1 state must still load and give the same answers.
/// </summary>
public static class Schema1Fixture
{
    public const string Mailbox = "avery@northwind.com";

    public static readonly DateTimeOffset AsOf = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public static string StateJson() => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "schema1-state.json"));

    public static string[] ExpectedAssessments() =>
        File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Fixtures", "schema1-assessments.txt"));

    /// <summary>The mail the fixture was recorded from: 12 contacts, both directions, Cc, repeats, offsets, a list sender.</summary>
    public static IEnumerable<(MailFolderKind Folder, ChangePage<MailMessageRecord> Page)> Pages()
    {
        var me = new EmailParticipant(Mailbox, "Avery");
        for (var p = 0; p < 4; p++)
        {
            var inbox = new List<MailMessageRecord>();
            var sent = new List<MailMessageRecord>();
            for (var i = 0; i < 40; i++)
            {
                var k = (p * 40) + i;
                var c = k * 7 % 12;
                var contact = new EmailParticipant($"Contact{c}@Partner{c % 3}.example", c % 4 == 0 ? $"Contact {c}" : null);
                var when = AsOf.AddHours(-(k * 13.5)).ToOffset(TimeSpan.FromHours(c % 3 == 0 ? 2 : 0));
                var conversation = k % 9 == 0 ? null : $"conv-{c}-{k / 10}";
                if (k % 3 == 0)
                {
                    List<EmailParticipant> cc = k % 6 == 0 ? [new EmailParticipant($"contact{(c + 1) % 12}@partner{(c + 1) % 3}.example", null)] : [];
                    sent.Add(new MailMessageRecord($"AAMk-sent-{k}", conversation, when.AddMinutes(1), when, false, $"Re: plan {c}", me, [contact], cc, []));
                }
                else
                {
                    IReadOnlyList<KeyValuePair<string, string>> headers = c == 11 ? [new("List-Unsubscribe", "<mailto:u@x.example>")] : [];
                    inbox.Add(new MailMessageRecord($"AAMk-in-{k}", conversation, when, when.AddMinutes(-2), false, $"Plan {c}", contact, [me], [], headers));
                }
            }

            // Every page once more: a re-delivered page must count nothing twice.
            yield return (MailFolderKind.Inbox, new ChangePage<MailMessageRecord>(inbox, [], $"in-{p}", p == 3));
            yield return (MailFolderKind.SentItems, new ChangePage<MailMessageRecord>(sent, [], $"sent-{p}", p == 3));
            if (p == 1) yield return (MailFolderKind.Inbox, new ChangePage<MailMessageRecord>(inbox, [], $"in-{p}", false));
        }
    }

    public static CalendarEventRecord Meeting() => new(
        "event-1", null, "Kick-off", AsOf.AddDays(-10), AsOf.AddDays(-10).AddMinutes(30), false, MeetingResponse.Organizer,
        new EmailParticipant(Mailbox, "Avery"),
        [new EventAttendee("contact5@partner2.example", "Contact 5", AttendeeKind.Required, MeetingResponse.Accepted)],
        true, "teamsForBusiness", "https://teams.example/join/1", []);

    /// <summary>A state built from the fixture's mail and meeting by the code under test.</summary>
    public static MailboxState Build()
    {
        var state = MailboxState.Create(Mailbox);
        state.OwnerAddresses.Add(Mailbox);
        foreach (var (folder, page) in Pages()) TouchpointRecorder.ApplyMail(state, folder, page);
        TouchpointRecorder.ApplyCalendar(state, new ChangePage<CalendarEventRecord>([Meeting()], [], "cal", true));
        state.Cursors[StreamNames.Inbox] = "https://graph.microsoft.com/v1.0/users/x/mailFolders/inbox/messages/delta?$deltatoken=abc";
        state.LastCompletedScanAt = AsOf;
        return state;
    }

    public static string[] Assess(MailboxState state) =>
        [.. new WarmthEvaluator(new WarmthPolicyOptions()).Evaluate(state, AsOf).Select(Line)];

    /// <summary>Everything an assessment says, instants as UTC ticks (a stored offset is not part of the answer).</summary>
    public static string Line(ContactAssessment a) => string.Join('|',
        a.Email, a.DisplayName, a.Status, a.Score?.ToString("R", CultureInfo.InvariantCulture), a.Sent, a.Received, a.Conversations,
        a.LastTextAt?.UtcTicks, a.LastMetAt?.UtcTicks, a.NextMeetingAt?.UtcTicks, string.Join(';', a.Reasons), a.LatestSubject);
}
