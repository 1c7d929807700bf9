using System.Globalization;
using Outreach.Core.Touchpoints;

namespace Outreach.Core.Policy;

/// <summary>
/// A contact's meetings sorted into those that count (the latest past one, the next upcoming one) and
/// those that do not, each with why, so a flagged contact's reasons can say "1 meeting not counted: cancelled".
/// </summary>
internal sealed record MeetingSummary(MeetingRecord? LastMet, MeetingRecord? Next, IReadOnlyList<string> NotCounted)
{
    public static MeetingSummary Of(
        List<(MeetingRecord Meeting, MeetingParticipant Person)> meetings, DateTimeOffset asOf, WarmthPolicyOptions policy,
        Func<MeetingRecord, MeetingParticipant, bool>? isUnansweredInvitation = null)
    {
        MeetingRecord? lastMet = null, next = null;
        var why = new List<string>();
        foreach (var (meeting, person) in meetings)
        {
            var disqualified = isUnansweredInvitation?.Invoke(meeting, person) == true && !person.Accepted
                ? "our invitation, not accepted yet"
                : WhyNotCounted(meeting, person, asOf, policy);
            if (disqualified is not null)
            {
                why.Add(disqualified);
            }
            else if (meeting.Start <= asOf)
            {
                if (lastMet is null || meeting.Start > lastMet.Start) lastMet = meeting;
            }
            else if (next is null || meeting.Start < next.Start)
            {
                next = meeting;
            }
        }

        var notCounted = why
            .GroupBy(w => w, StringComparer.Ordinal)
            .Select(g => $"{Wording.Count(g.Count(), "meeting", "meetings")} not counted: {g.Key}")
            .ToList();
        return new MeetingSummary(lastMet, next, notCounted);
    }

    private static string? WhyNotCounted(MeetingRecord meeting, MeetingParticipant person, DateTimeOffset asOf, WarmthPolicyOptions policy)
    {
        if (meeting.IsCancelled) return "cancelled";
        if (person.Declined) return "they declined";
        if (meeting.OwnerDeclined) return "you declined";
        if (meeting.ParticipantCount > policy.MaxMeetingParticipants)
        {
            return string.Create(CultureInfo.InvariantCulture, $"more than {policy.MaxMeetingParticipants} participants");
        }

        if (meeting.Medium == MeetingMedium.Voice && !policy.VoiceCountsAsMet) return "phone only";
        if (meeting.Start < asOf.AddDays(-policy.MeetingLookbackDays)) return $"more than {policy.MeetingLookbackDays} days ago";
        if (meeting.Start > asOf.AddDays(policy.ScheduledLookaheadDays)) return $"more than {policy.ScheduledLookaheadDays} days ahead";
        return null;
    }
}
