using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using Outreach.Core.Enrollment;
using Outreach.Core.Pipeline;
using Outreach.Core.Sources;
using Outreach.Graph.Mailboxes;
using Outreach.Graph.Tests.Support;

namespace Outreach.Graph.Tests.Enrollment;

/// <summary>Enrollment by Entra group, with the real Graph SDK against the loopback server.</summary>
public sealed class GroupEnrollmentTests
{
    private const string GroupId = "7e2d4c1b-0a9f-4e8d-b7c6-5a4b3c2d1e0f";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static (MailboxEnrollment Enrollment, FakeTimeProvider Time) Enrollment(GraphFixture graph, PipelineOptions pipeline)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        var optOuts = Substitute.For<IEnrollmentOptOutStore>();
        var directory = new GraphGroupMailboxDirectory(graph.Client, Options.Create(pipeline), Options.Create(graph.Options));
        return (new MailboxEnrollment(directory, optOuts, Options.Create(pipeline), time, NullLogger<MailboxEnrollment>.Instance), time);
    }

    [Fact]
    public async Task Enabled_members_are_enrolled_by_address_and_others_are_refused_naming_the_group_setting()
    {
        await using var graph = await GraphFixture.StartAsync();
        graph.Server.Group(GroupId)
            .AddUser("avery@northwind.com")
            .AddUser("Quinn@Northwind.com", mail: "quinn.lee@northwind.com")
            .AddUser("gone@northwind.com", accountEnabled: false);
        var (enrollment, _) = Enrollment(graph, new PipelineOptions { MailboxGroupId = GroupId });

        Assert.True((await enrollment.CheckAsync("Avery@Northwind.com", Cancel)).IsEnrolled);
        Assert.True((await enrollment.CheckAsync("quinn.lee@northwind.com", Cancel)).IsEnrolled);
        var disabled = await enrollment.CheckAsync("gone@northwind.com", Cancel);
        var stranger = await enrollment.CheckAsync("ceo@northwind.com", Cancel);

        Assert.Equal(EnrollmentStatus.NotEnrolled, disabled.Status);
        Assert.Equal(EnrollmentStatus.NotEnrolled, stranger.Status);
        Assert.Equal(EnrollmentDecision.GroupSetting, stranger.Setting);
        // Four checks, one listing: the members are cached, not listed per request.
        Assert.Equal(1, graph.Server.Requests.Count);
        Assert.Equal(0, graph.Server.Requests.CountFor("ceo@northwind.com"));
    }

    [Fact]
    public async Task A_new_member_is_seen_once_the_cached_membership_expires()
    {
        await using var graph = await GraphFixture.StartAsync();
        graph.Server.Group(GroupId).AddUser("avery@northwind.com");
        var (enrollment, time) = Enrollment(graph, new PipelineOptions { MailboxGroupId = GroupId });
        Assert.False((await enrollment.CheckAsync("riley@northwind.com", Cancel)).IsEnrolled);

        graph.Server.Group(GroupId).AddUser("riley@northwind.com");
        time.Advance(MailboxEnrollment.MembershipCacheDuration - TimeSpan.FromSeconds(1));
        Assert.False((await enrollment.CheckAsync("riley@northwind.com", Cancel)).IsEnrolled);
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.True((await enrollment.CheckAsync("riley@northwind.com", Cancel)).IsEnrolled);

        Assert.Equal(2, graph.Server.Requests.Count);
    }

    [Fact]
    public async Task Concurrent_checks_share_one_listing_of_the_group()
    {
        await using var graph = await GraphFixture.StartAsync();
        graph.Server.Group(GroupId).AddUser("avery@northwind.com");
        graph.Server.ResponseDelay = TimeSpan.FromMilliseconds(200);
        var (enrollment, _) = Enrollment(graph, new PipelineOptions { MailboxGroupId = GroupId });

        var decisions = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => enrollment.CheckAsync("avery@northwind.com", Cancel)));

        Assert.All(decisions, d => Assert.True(d.IsEnrolled));
        Assert.Equal(1, graph.Server.Requests.Count);
    }

    [Fact]
    public async Task A_listed_mailbox_is_enrolled_without_listing_the_group()
    {
        await using var graph = await GraphFixture.StartAsync();
        graph.Server.Group(GroupId).AddUser("avery@northwind.com");
        var (enrollment, _) = Enrollment(graph, new PipelineOptions { MailboxGroupId = GroupId, Mailboxes = ["ops@northwind.com"] });

        Assert.True((await enrollment.CheckAsync("OPS@northwind.com", Cancel)).IsEnrolled);
        Assert.Equal(0, graph.Server.Requests.Count);
    }

    [Fact]
    public async Task A_group_that_cannot_be_listed_is_an_error_naming_the_setting_not_an_enrollment()
    {
        await using var graph = await GraphFixture.StartAsync();
        var (enrollment, _) = Enrollment(graph, new PipelineOptions { MailboxGroupId = "missing-group" });

        var error = await Assert.ThrowsAsync<MailboxAccessException>(() => enrollment.CheckAsync("avery@northwind.com", Cancel));

        Assert.Contains("MailboxGroupId", error.Message, StringComparison.Ordinal);
    }
}
