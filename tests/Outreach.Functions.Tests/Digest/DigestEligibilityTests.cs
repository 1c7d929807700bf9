using Outreach.Core.Contacts;
using Outreach.Core.Digest;
using Outreach.Core.Invitations;
using Outreach.Core.Policy;
using Outreach.Core.State;
using Outreach.Functions.Tests.Support;

namespace Outreach.Functions.Tests.Digest;

/// <summary>
/// The digest and its review page decide who may be contacted with the one <see cref="ContactEligibility"/>:
/// real services on Azurite, the sample mailbox scanned through the loopback Graph server.
/// </summary>
[Collection(QueueCollection.Name)]
public sealed class DigestEligibilityTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static string Unique(string name) => $"{name}-{Guid.NewGuid():N}"[..(name.Length + 9)] + "@northwind-labs.com";

    private static async Task<PipelineHarness> ScannedAsync(string owner)
    {
        var harness = await PipelineHarness.StartAsync([owner], WeeklyDigestEndToEndTests.DigestSettings(new string('k', 40)));
        await harness.LoadSampleAsAsync(owner);
        await harness.RunWeeklyAsync();
        await harness.PumpAsync(Cancel);
        return harness;
    }

    [Fact]
    public async Task Contact_at_a_second_owner_domain_is_not_listed_in_the_digest()
    {
        var owner = Unique("avery");
        await using var harness = await ScannedAsync(owner);
        var digest = harness.Get<WeeklyDigest>();
        var listed = await digest.CandidatesAsync(owner, PipelineHarness.AsOf, Cancel);
        var secondDomain = EmailAddresses.Domain(listed[0].Email);
        Assert.NotEqual(EmailAddresses.Domain(owner), secondDomain);

        // The owner also writes from an address at that domain (an alias the scan harvested from Sent Items).
        var states = harness.Get<IMailboxStateStore>();
        var state = (await states.LoadAsync(owner, Cancel))!;
        state.OwnerAddresses.Add("avery@" + secondDomain);
        await states.SaveAsync(state, Cancel);

        var after = await digest.CandidatesAsync(owner, PipelineHarness.AsOf, Cancel);

        Assert.DoesNotContain(after, c => EmailAddresses.Domain(c.Email) == secondDomain);
        Assert.Equal(EligibilityReason.Internal, (await harness.Get<ContactEligibility>().CheckAsync(owner, listed[0].Email, PipelineHarness.AsOf, Cancel)).Reason);
    }

    [Fact]
    public async Task Digest_lists_exactly_the_flagged_contacts_the_eligibility_decision_allows()
    {
        var owner = Unique("blake");
        await using var harness = await ScannedAsync(owner);
        var digest = harness.Get<WeeklyDigest>();
        var before = await digest.CandidatesAsync(owner, PipelineHarness.AsOf, Cancel);
        Assert.True(before.Count >= 3);

        // One of each: snoozed, suppressed, invited (by any path).
        await harness.Get<IDigestStore>().SnoozeAsync(owner, before[0].Email, PipelineHarness.AsOf.AddDays(10), Cancel);
        await harness.Get<ISuppressionList>().AddAsync(owner, before[1].Email, null, Cancel);
        var invited = await harness.Get<InvitationService>().SendAsync(new InvitationRequest(owner, [before[2].Email], InvitationMode.Video), Cancel);
        Assert.Equal(InvitationOutcome.Created, Assert.Single(invited.Results).Outcome);

        var after = await digest.CandidatesAsync(owner, PipelineHarness.AsOf, Cancel);
        var eligibility = await harness.Get<ContactEligibility>().ForMailboxAsync(owner, PipelineHarness.AsOf, Cancel);

        Assert.Equal(
            [EligibilityReason.Snoozed, EligibilityReason.DoNotContact, EligibilityReason.Cooldown],
            before.Take(3).Select(c => eligibility.Check(c.Email).Reason));
        Assert.DoesNotContain(after, c => before.Take(3).Any(b => b.Email == c.Email));
        Assert.All(after, c => Assert.True(eligibility.Check(c.Email).IsEligible));
    }

    [Fact]
    public async Task Review_answers_a_contact_suppressed_or_invited_after_the_digest_by_the_eligibility_decision()
    {
        var owner = Unique("casey");
        await using var harness = await ScannedAsync(owner);
        var record = (await harness.Get<IDigestStore>().GetAsync(owner, IsoWeek.Of(PipelineHarness.AsOf), Cancel))!;
        var link = harness.Get<ReviewLinks>().Sign(owner, record.Week, record.ExpiresAt);
        var (suppressed, invitedElsewhere, fresh) = (record.Contacts[0].Email, record.Contacts[1].Email, record.Contacts[2].Email);

        // After the digest went out: one contact onto the do-not-contact list, one invited from the API.
        await harness.Get<ISuppressionList>().AddAsync(owner, suppressed, null, Cancel);
        await harness.Get<InvitationService>().SendAsync(new InvitationRequest(owner, [invitedElsewhere], InvitationMode.Video), Cancel);
        var eligibility = await harness.Get<ContactEligibility>().ForMailboxAsync(owner, PipelineHarness.AsOf, Cancel);

        var outcomes = await harness.Get<DigestReview>().ApplyAsync(link, record,
            [new ReviewDecision(suppressed, ReviewChoice.Video), new ReviewDecision(invitedElsewhere, ReviewChoice.Video), new ReviewDecision(fresh, ReviewChoice.Video)], Cancel);

        Assert.Equal(EligibilityReason.DoNotContact, eligibility.Check(suppressed).Reason);
        Assert.Equal(EligibilityReason.Cooldown, eligibility.Check(invitedElsewhere).Reason);
        Assert.True(eligibility.Check(fresh).IsEligible);
        Assert.Equal([ReviewOutcomeKind.NotInvited, ReviewOutcomeKind.AlreadyInvited, ReviewOutcomeKind.Invited], outcomes.Select(o => o.Kind));
        Assert.Equal("Not sent: on the do-not-contact list.", outcomes[0].Message);
        Assert.StartsWith("Not sent again: already invited on ", outcomes[1].Message, StringComparison.Ordinal);
    }
}
