using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using Outreach.Core.Enrollment;
using Outreach.Core.Pipeline;

namespace Outreach.Core.Tests.Enrollment;

public sealed class MailboxEnrollmentTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private readonly IMailboxDirectory _directory = Substitute.For<IMailboxDirectory>();
    private readonly InMemoryOptOuts _optOuts = new();

    private MailboxEnrollment Enrollment(PipelineOptions options) =>
        new(_directory, _optOuts, Options.Create(options), new FakeTimeProvider(), NullLogger<MailboxEnrollment>.Instance);

    [Fact]
    public async Task Nothing_configured_refuses_every_mailbox_naming_both_settings_and_lists_none()
    {
        var enrollment = Enrollment(new PipelineOptions());

        var decision = await enrollment.CheckAsync("avery@northwind.com", Cancel);

        Assert.Equal(EnrollmentStatus.NoEnrollmentConfigured, decision.Status);
        Assert.Contains(EnrollmentDecision.MailboxesSetting, decision.Reason, StringComparison.Ordinal);
        Assert.Contains(EnrollmentDecision.GroupSetting, decision.Reason, StringComparison.Ordinal);
        Assert.Empty(await enrollment.ListAsync(Cancel));
        await _directory.DidNotReceive().ResolveAsync(Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_listed_mailbox_is_enrolled_case_insensitively_and_an_unlisted_one_is_refused_naming_the_list_setting()
    {
        var enrollment = Enrollment(new PipelineOptions { Mailboxes = ["Avery@Northwind.com"] });

        Assert.True((await enrollment.CheckAsync("avery@NORTHWIND.com", Cancel)).IsEnrolled);
        var refused = await enrollment.CheckAsync("ceo@northwind.com", Cancel);

        Assert.Equal(EnrollmentStatus.NotEnrolled, refused.Status);
        Assert.Equal(EnrollmentDecision.MailboxesSetting, refused.Setting);
        await _directory.DidNotReceive().ResolveAsync(Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task An_opted_out_mailbox_is_refused_although_listed_and_left_out_of_the_weekly_list()
    {
        _directory.ResolveAsync(Arg.Any<CancellationToken>()).Returns(["avery@northwind.com", "blake@northwind.com"]);
        var enrollment = Enrollment(new PipelineOptions { Mailboxes = ["avery@northwind.com", "blake@northwind.com"] });
        await _optOuts.SetOptedOutAsync("avery@northwind.com", true, Cancel);

        var decision = await enrollment.CheckAsync("Avery@Northwind.com", Cancel);

        Assert.Equal(EnrollmentStatus.OptedOut, decision.Status);
        Assert.Equal(["blake@northwind.com"], await enrollment.ListAsync(Cancel));
    }

    private sealed class InMemoryOptOuts : IEnrollmentOptOutStore
    {
        private readonly HashSet<string> _set = new(StringComparer.Ordinal);

        public Task<bool> IsOptedOutAsync(string mailbox, CancellationToken cancellationToken) =>
            Task.FromResult(_set.Contains(Outreach.Core.Contacts.EmailAddresses.Normalize(mailbox)));

        public Task<IReadOnlySet<string>> ListAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlySet<string>>(_set.ToHashSet());

        public Task<bool> SetOptedOutAsync(string mailbox, bool optedOut, CancellationToken cancellationToken) =>
            Task.FromResult(optedOut ? _set.Add(Outreach.Core.Contacts.EmailAddresses.Normalize(mailbox)) : _set.Remove(Outreach.Core.Contacts.EmailAddresses.Normalize(mailbox)));
    }
}
