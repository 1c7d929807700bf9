using System.Text.Json;
using Microsoft.Extensions.Options;
using Outreach.Core.Invitations;
using Outreach.Core.Policy;
using Outreach.Core.State;
using Outreach.Storage.Files.Digest;
using Outreach.Storage.Files.Invitations;
using Outreach.Storage.Files.State;
using static Outreach.Core.Tests.Support.Build;

namespace Outreach.Core.Tests.Policy;

/// <summary>The one eligibility decision, per reason, read from the real local (file) stores.</summary>
public sealed class ContactEligibilityTests : IDisposable
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private const string Alias = "avery@northwind-labs.com";
    private const string Dana = "dana@fabrikam.com";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "outreach-eligibility-" + Guid.NewGuid().ToString("N"));
    private readonly FileMailboxStateStore _states;
    private readonly FileSuppressionList _suppressions;
    private readonly FileInvitationLedger _ledger;
    private readonly FileDigestStore _digests;
    private readonly WarmthPolicyOptions _policy = new() { InternalDomains = ["contoso.com"], DoNotContact = ["@blocked.example"] };

    public ContactEligibilityTests()
    {
        _states = new FileMailboxStateStore(Path.Combine(_directory, "state"));
        _suppressions = new FileSuppressionList(_directory);
        _ledger = new FileInvitationLedger(_directory);
        _digests = new FileDigestStore(_directory);
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    private ContactEligibility Service(bool withDigests = true) => new(
        _states, _suppressions, _ledger, Options.Create(_policy), Options.Create(new InvitationOptions()), withDigests ? _digests : null);

    private async Task SaveStateWithAliasAsync()
    {
        var state = MailboxState.Create(Owner);
        state.OwnerAddresses.Add(Owner);
        state.OwnerAddresses.Add(Alias);
        await _states.SaveAsync(state, Cancel);
    }

    private async Task InviteAsync(string contact, InvitationStatus status, int daysAgo)
    {
        var at = AsOf.AddDays(-daysAgo);
        var entry = new InvitationLedgerEntry
        {
            Mailbox = Owner, Contact = contact, Status = status, Mode = InvitationMode.Video, TransactionId = Guid.NewGuid().ToString(),
            ReservedAt = at, SentAt = status == InvitationStatus.Pending ? null : at, RespondedAt = status == InvitationStatus.Declined ? at : null,
        };
        Assert.True((await _ledger.ReserveAsync(entry, ReservationPolicy.From(new InvitationOptions(), AsOf), Cancel)).Reserved);
    }

    private Task<Eligibility> CheckAsync(string contact) => Service().CheckAsync(Owner, contact, AsOf, Cancel);

    [Fact]
    public async Task External_contact_with_no_history_is_eligible()
    {
        var answer = await CheckAsync(Dana);

        Assert.True(answer.IsEligible);
        Assert.Null(answer.ReasonCode);
    }

    [Fact]
    public async Task Text_that_is_not_an_address_is_not_an_address()
    {
        var answer = await CheckAsync("not an address");

        Assert.Equal(EligibilityReason.NotAnAddress, answer.Reason);
        Assert.True(answer.IsExcluded);
    }

    [Fact]
    public async Task Contact_on_the_mailbox_suppression_list_is_do_not_contact()
    {
        await _suppressions.AddAsync(Owner, Dana, "asked", Cancel);

        var answer = await CheckAsync("Dana@Fabrikam.com");

        Assert.Equal(EligibilityReason.DoNotContact, answer.Reason);
        Assert.Equal(InvitationReasonCode.DoNotContact, answer.ReasonCode);
        Assert.Equal("on the do-not-contact list", answer.ExclusionText);
    }

    [Fact]
    public async Task Contact_under_a_policy_do_not_contact_domain_is_do_not_contact()
    {
        Assert.Equal(EligibilityReason.DoNotContact, (await CheckAsync("kim@sales.blocked.example")).Reason);
    }

    [Fact]
    public async Task Do_not_contact_wins_over_internal()
    {
        await _suppressions.AddAsync(Owner, "lee@northwind.com", null, Cancel);

        Assert.Equal(EligibilityReason.DoNotContact, (await CheckAsync("lee@northwind.com")).Reason);
    }

    [Fact]
    public async Task Owner_alias_from_the_harvested_state_is_an_owner_address()
    {
        await SaveStateWithAliasAsync();

        var answer = await CheckAsync(Alias);

        Assert.Equal(EligibilityReason.OwnerAddress, answer.Reason);
        Assert.Equal(InvitationReasonCode.NotExternal, answer.ReasonCode);
    }

    [Fact]
    public async Task Contact_at_a_second_owner_domain_is_internal()
    {
        await SaveStateWithAliasAsync();

        var answer = await CheckAsync("sam@northwind-labs.com");

        Assert.Equal(EligibilityReason.Internal, answer.Reason);
        Assert.Equal("northwind-labs.com", answer.Detail);
        Assert.Equal("not an external contact", answer.ExclusionText);
    }

    [Fact]
    public async Task Contact_at_a_second_owner_domain_is_eligible_while_the_state_does_not_know_the_alias()
    {
        // The same contact as above: only the harvested owner addresses make the domain internal.
        Assert.True((await CheckAsync("sam@northwind-labs.com")).IsEligible);
    }

    [Fact]
    public async Task Contact_at_a_configured_internal_subdomain_is_internal()
    {
        var answer = await CheckAsync("kai@eu.contoso.com");

        Assert.Equal(EligibilityReason.Internal, answer.Reason);
        Assert.Equal("contoso.com", answer.Detail);
    }

    [Fact]
    public async Task Automated_local_part_is_automated()
    {
        var answer = await CheckAsync("noreply@fabrikam.com");

        Assert.Equal(EligibilityReason.Automated, answer.Reason);
        Assert.Equal(InvitationReasonCode.Automated, answer.ReasonCode);
        Assert.Equal("not a person (automated address)", answer.ExclusionText);
    }

    [Fact]
    public async Task Sender_whose_headers_looked_automated_is_automated()
    {
        var snapshot = await Service().ForMailboxAsync(Owner, AsOf, Cancel);

        var answer = snapshot.Check(Dana, "Auto-Submitted: auto-generated");

        Assert.Equal(EligibilityReason.Automated, answer.Reason);
        Assert.Equal("Auto-Submitted: auto-generated", answer.Detail);
    }

    [Fact]
    public async Task Contact_who_declined_within_the_declined_cooldown_is_declined_recently()
    {
        await InviteAsync(Dana, InvitationStatus.Declined, daysAgo: 10);

        var answer = await CheckAsync(Dana);

        Assert.Equal(EligibilityReason.DeclinedRecently, answer.Reason);
        Assert.Equal(InvitationReasonCode.DeclinedRecently, answer.ReasonCode);
        Assert.Equal(AsOf.AddDays(-10).AddDays(180), answer.Until);
        Assert.False(answer.IsExcluded);
    }

    [Fact]
    public async Task Contact_who_declined_long_ago_is_eligible()
    {
        await InviteAsync(Dana, InvitationStatus.Declined, daysAgo: 181);

        Assert.True((await CheckAsync(Dana)).IsEligible);
    }

    [Fact]
    public async Task Contact_with_a_pending_invitation_is_pending()
    {
        await InviteAsync(Dana, InvitationStatus.Pending, daysAgo: 1);

        var answer = await CheckAsync(Dana);

        Assert.Equal(EligibilityReason.Pending, answer.Reason);
        Assert.Equal(InvitationReasonCode.InProgress, answer.ReasonCode);
        Assert.Equal(InvitationStatus.Pending, answer.Invitation?.Status);
    }

    [Fact]
    public async Task Pending_invitation_older_than_the_cooldown_is_left_to_the_ledger()
    {
        await InviteAsync(Dana, InvitationStatus.Pending, daysAgo: 31);

        Assert.True((await CheckAsync(Dana)).IsEligible);
    }

    [Theory]
    [InlineData(InvitationStatus.Sent)]
    [InlineData(InvitationStatus.Accepted)]
    [InlineData(InvitationStatus.NoResponse)]
    public async Task Contact_invited_within_the_cooldown_is_in_cooldown(InvitationStatus status)
    {
        await InviteAsync(Dana, status, daysAgo: 5);

        var answer = await CheckAsync(Dana);

        Assert.Equal(EligibilityReason.Cooldown, answer.Reason);
        Assert.Equal(InvitationReasonCode.AlreadyInvited, answer.ReasonCode);
    }

    [Fact]
    public async Task Contact_invited_before_the_cooldown_is_eligible()
    {
        await InviteAsync(Dana, InvitationStatus.Sent, daysAgo: 31);

        Assert.True((await CheckAsync(Dana)).IsEligible);
    }

    [Fact]
    public async Task Snoozed_contact_is_snoozed_until_the_snooze_ends()
    {
        await _digests.SnoozeAsync(Owner, Dana, AsOf.AddDays(20), Cancel);

        var answer = await CheckAsync(Dana);

        Assert.Equal(EligibilityReason.Snoozed, answer.Reason);
        Assert.Equal(AsOf.AddDays(20), answer.Until);
        Assert.Null(answer.ReasonCode);
    }

    [Fact]
    public async Task Snoozes_are_not_read_when_the_caller_leaves_them_out()
    {
        await _digests.SnoozeAsync(Owner, Dana, AsOf.AddDays(20), Cancel);

        var forInvitations = await Service().ForMailboxAsync(Owner, null, AsOf, includeSnoozes: false, Cancel);
        var withoutDigests = await Service(withDigests: false).ForMailboxAsync(Owner, AsOf, Cancel);

        Assert.True(forInvitations.Check(Dana).IsEligible);
        Assert.True(withoutDigests.Check(Dana).IsEligible);
    }

    [Fact]
    public async Task Snapshot_answers_a_change_made_after_it_was_built_only_when_built_again()
    {
        var service = Service();
        var before = await service.ForMailboxAsync(Owner, AsOf, Cancel);
        await _suppressions.AddAsync(Owner, Dana, null, Cancel);

        Assert.True(before.Check(Dana).IsEligible);
        Assert.Equal(EligibilityReason.DoNotContact, (await service.ForMailboxAsync(Owner, AsOf, Cancel)).Check(Dana).Reason);
    }

    [Fact]
    public async Task Checking_an_eligible_contact_allocates_nothing()
    {
        var snapshot = await Service().ForMailboxAsync(Owner, AsOf, Cancel);
        snapshot.Check(Dana);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++) snapshot.Check(Dana);

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static readonly (EligibilityReason Reason, string? Wire)[] Codes =
    [
        (EligibilityReason.Eligible, null),
        (EligibilityReason.NotAnAddress, "not-external"),
        (EligibilityReason.DoNotContact, "do-not-contact"),
        (EligibilityReason.OwnerAddress, "not-external"),
        (EligibilityReason.Internal, "not-external"),
        (EligibilityReason.Automated, "automated"),
        (EligibilityReason.DeclinedRecently, "declined-recently"),
        (EligibilityReason.Pending, "in-progress"),
        (EligibilityReason.Cooldown, "already-invited"),
        (EligibilityReason.Snoozed, null),
        (EligibilityReason.LinkedInOnly, "linkedin-only"),
    ];

    public static TheoryData<EligibilityReason, string?> WireCodes => new(Codes);

    [Theory]
    [MemberData(nameof(WireCodes))]
    public void Every_reason_maps_onto_an_existing_wire_reason_code(EligibilityReason reason, string? wire)
    {
        var code = new Eligibility(reason).ReasonCode;

        Assert.Equal(wire, code is { } c ? JsonSerializer.Serialize(c).Trim('"') : null);
        if (code is { } known && reason is not (EligibilityReason.NotAnAddress or EligibilityReason.OwnerAddress))
        {
            Assert.Equal(reason, Eligibility.FromReasonCode(known));
        }
    }

    [Fact]
    public void Every_reason_is_mapped()
    {
        Assert.Equal(Enum.GetValues<EligibilityReason>().Order(), Codes.Select(row => row.Reason).Order());
    }
}
