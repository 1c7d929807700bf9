using Outreach.Core.Contacts;
using Outreach.Core.Imports;
using Outreach.Core.Invitations;
using Outreach.Core.State;
using Outreach.Core.Touchpoints;

namespace Outreach.Core.Policy;

/// <summary>
/// Applies the warmth policy to a mailbox's state as of a moment: every address the owner exchanged mail
/// or meetings with gets a status (excluded &gt; met &gt; scheduled &gt; flagged &gt; below-threshold) and
/// reasons; flagged contacts get a score. Pure: same state, same moment, same policy — same answer.
/// </summary>
public sealed class WarmthEvaluator(WarmthPolicyOptions policy)
{
    public WarmthPolicyOptions Policy { get; } = policy;

    /// <param name="invitations">The mailbox's invitations: recent ones make a contact "invited".</param>
    /// <param name="imports">
    /// What was imported for the mailbox (LinkedIn): counted with the harvest, never written into the state. People
    /// matched by address get their imported touchpoints and profile URL; LinkedIn-only people are assessed too.
    /// </param>
    public IReadOnlyList<ContactAssessment> Evaluate(MailboxState state, DateTimeOffset asOf, InvitationHistory? invitations = null, ImportedContacts? imports = null)
    {
        invitations ??= InvitationHistory.None;
        imports ??= ImportedContacts.Empty;
        // The one eligibility decision, built once per mailbox: its owner addresses and rules, asked per contact.
        var eligibility = MailboxEligibility.ForState(Policy, state, asOf, invitations);
        var exclusions = eligibility.Exclusions;
        var meetingsByContact = IndexMeetings(state);

        var addresses = state.Contacts.Where(c => !c.Value.IsEmpty).Select(c => c.Key)
            .Concat(meetingsByContact.Keys)
            .Concat(imports.Keys)
            .Where(a => !eligibility.IsOwner(a))
            .Distinct(StringComparer.Ordinal);

        var results = new List<ContactAssessment>();
        var conversations = new HashSet<ulong>();
        foreach (var address in addresses)
        {
            state.Contacts.TryGetValue(address, out var ledger);
            meetingsByContact.TryGetValue(address, out var meetings);
            results.Add(Assess(address, ledger, meetings ?? [], exclusions, asOf, invitations, conversations, imports.Find(address)));
        }

        return Rank(results);
    }

    private ContactAssessment Assess(
        string address, ContactLedger? ledger, List<(MeetingRecord Meeting, MeetingParticipant Person)> meetings,
        ContactExclusions excluded, DateTimeOffset asOf, InvitationHistory invitations, HashSet<ulong> conversations, ImportedPerson? imported)
    {
        var text = TextSummary.Of(ledger, asOf, Policy.TextLookbackDays, conversations, imported?.LinkedIn);
        var meetingView = MeetingSummary.Of(meetings, asOf, Policy, (m, p) => invitations.IsUnansweredInvitation(m.EventId, p.Address));
        var name = ledger?.DisplayName ?? meetings.Select(m => m.Person.Name).FirstOrDefault(n => !string.IsNullOrWhiteSpace(n)) ?? imported?.DisplayName;

        var exclusions = excluded.Of(address, ledger?.AutomatedReason);
        ContactStatus status;
        var reasons = new List<string>();
        double? score = null;
        if (exclusions.Count > 0)
        {
            status = ContactStatus.Excluded;
            reasons.AddRange(exclusions.Select(e => e.Reason));
        }
        else if (meetingView.LastMet is { } met)
        {
            status = ContactStatus.Met;
            reasons.Add($"met {Wording.MetBy(met.Medium)} {Wording.DaysAgo(met.Start, asOf)} ({Wording.Date(met.Start)})");
            reasons.Add(text.Describe(Policy.TextLookbackDays, asOf));
        }
        else if (meetingView.Next is { } next)
        {
            status = ContactStatus.Scheduled;
            reasons.Add($"{Wording.Call(next.Medium)} scheduled {Wording.InDays(next.Start, asOf)} ({Wording.Date(next.Start)})");
            reasons.Add(text.Describe(Policy.TextLookbackDays, asOf));
        }
        else if (invitations.For(address) is { } invited && invitations.IsAwaitingAnswer(invited, asOf))
        {
            status = ContactStatus.Invited;
            var when = invited.SentAt ?? invited.ReservedAt;
            var how = invited.Mode == InvitationMode.Video ? "a video call" : "meet in person";
            reasons.Add($"invited to {how} {Wording.DaysAgo(when, asOf)} ({Wording.Date(when)}), " + (invited.Status == InvitationStatus.Accepted ? "accepted" : "no answer yet"));
            reasons.Add(text.Describe(Policy.TextLookbackDays, asOf));
        }
        else
        {
            var shortfalls = Shortfalls(text, asOf, imported?.IsLinkedInOnly == true);
            status = shortfalls.Count == 0 ? ContactStatus.Flagged : ContactStatus.BelowThreshold;
            if (status == ContactStatus.Flagged)
            {
                score = ContactScorer.Score(text.Sent, text.Received, text.Conversations, (asOf - text.Last!.Value).TotalDays, Policy.RecentTextDays);
                reasons.Add(text.Describe(Policy.TextLookbackDays, asOf));
                reasons.Add($"last {Wording.DaysAgo(text.Last.Value, asOf)}");
                reasons.Add(Wording.Count(text.Conversations, "conversation", "conversations"));
                reasons.Add("never met by video or in person");
            }
            else
            {
                reasons.AddRange(shortfalls);
            }

            reasons.AddRange(meetingView.NotCounted);
            if (invitations.For(address) is { } declined && invitations.IsDeclinedRecently(declined, asOf))
            {
                reasons.Add($"declined an invitation; not invited again before {Wording.Date(invitations.DeclinedUntil(declined))}");
            }
        }

        return new ContactAssessment(
            address, name, status, score, text.Sent, text.Received, text.Conversations,
            text.Last ?? ledger?.LastTextAt, meetingView.LastMet?.Start, meetingView.Next?.Start,
            reasons.Where(r => r.Length > 0).ToList(), ledger?.LatestSubject)
        {
            Channels = text.Channels,
            // A LinkedIn-only contact's identity is its profile: the URL stands in for the address it lacks.
            LinkedinUrl = imported is { IsLinkedInOnly: true } ? imported.ProfileUrl ?? address : imported?.ProfileUrl,
            IsLinkedInOnly = imported?.IsLinkedInOnly == true,
        };
    }

    /// <param name="imported">Known from an import: with nothing in the window, "no messages" rather than "no emails".</param>
    private List<string> Shortfalls(TextSummary text, DateTimeOffset asOf, bool imported)
    {
        var days = Policy.TextLookbackDays;
        if (text.Total == 0)
        {
            var none = imported ? "no messages" : "no emails";
            return [text.Last is { } ever ? $"{none} in {days} days (last {Wording.DaysAgo(ever, asOf)})" : $"{none} in {days} days"];
        }

        var shortfalls = new List<string>();
        if (text.Total < Policy.MinTextTouchpoints)
        {
            shortfalls.Add($"only {text.Noun(text.Total)} in {days} days ({Policy.MinTextTouchpoints} needed)");
        }

        if (Policy.RequireReciprocity && text.Received == 0)
        {
            shortfalls.Add($"no reply from them in {days} days ({text.Noun(text.Sent)} from you)");
        }

        if (Policy.RequireReciprocity && text.Sent == 0)
        {
            shortfalls.Add($"you have not written to them in {days} days ({text.Noun(text.Received)} from them)");
        }

        if (text.Last is { } last && (asOf - last).TotalDays > Policy.RecentTextDays)
        {
            shortfalls.Add($"last {(text.EmailOnly ? "email" : "message")} {Wording.DaysAgo(last, asOf)} (within {Policy.RecentTextDays} days needed)");
        }

        return shortfalls;
    }

    private static Dictionary<string, List<(MeetingRecord, MeetingParticipant)>> IndexMeetings(MailboxState state)
    {
        var index = new Dictionary<string, List<(MeetingRecord, MeetingParticipant)>>(StringComparer.Ordinal);
        // Teams calls (issue 13) are meetings too, kept apart from the calendar's so a calendar re-sync keeps them.
        foreach (var meeting in state.Calls is { } calls ? state.Meetings.Values.Concat(calls.Values) : state.Meetings.Values)
        {
            foreach (var person in meeting.Participants)
            {
                if (!index.TryGetValue(person.Address, out var list))
                {
                    list = [];
                    index[person.Address] = list;
                }

                list.Add((meeting, person));
            }
        }

        return index;
    }

    private static List<ContactAssessment> Rank(List<ContactAssessment> results) =>
    [
        .. results
            .OrderBy(r => StatusOrder(r.Status))
            .ThenByDescending(r => r.Score ?? 0)
            .ThenByDescending(r => r.LastTextAt ?? DateTimeOffset.MinValue)
            .ThenBy(r => r.Email, StringComparer.Ordinal),
    ];

    private static int StatusOrder(ContactStatus status) => status switch
    {
        ContactStatus.Flagged => 0,
        ContactStatus.Invited => 1,
        ContactStatus.Scheduled => 2,
        ContactStatus.Met => 3,
        ContactStatus.BelowThreshold => 4,
        _ => 5,
    };
}
