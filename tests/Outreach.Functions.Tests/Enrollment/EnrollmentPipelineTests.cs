using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Outreach.Core.Digest;
using Outreach.Core.Enrollment;
using Outreach.Core.Pipeline;
using Outreach.Core.State;
using Outreach.Functions.Digest;
using Outreach.Functions.Http;
using Outreach.Functions.Tests.Digest;
using Outreach.Functions.Tests.Support;

namespace Outreach.Functions.Tests.Enrollment;

/// <summary>Queue stages, the Entra group, and an owner leaving from the review page.</summary>
[Collection(QueueCollection.Name)]
public sealed class EnrollmentPipelineTests
{
    private const string GroupId = "3c1f0a7e-2b4d-4e6f-8a9b-0c1d2e3f4a5b";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static string Unique(string name) => EnrollmentRouteTests.Unique(name);

    [Fact]
    public async Task A_queued_harvest_for_a_mailbox_no_longer_enrolled_fails_its_scan_with_the_reason_once_without_reading_the_mailbox()
    {
        var stranger = Unique("left");
        var logs = new CapturingLoggerProvider();
        await using var harness = await PipelineHarness.StartAsync([Unique("avery")], replace: s => s.AddSingleton<ILoggerProvider>(logs));
        SmallMailbox.Load(harness.Graph.Mailbox(stranger), PipelineHarness.AsOf);
        // Queued while it was enrolled (or by an older deployment): the stage must check again.
        var record = Assert.Single(await harness.Get<ScanPipeline>().StartAsync([stranger], "http", Cancel));

        var deliveries = await harness.PumpAsync(Cancel);

        var failed = (await harness.Get<IScanRecordStore>().GetAsync(record.ScanId, Cancel))!;
        Assert.Equal(ScanState.Failed, failed.State);
        Assert.Contains("not enrolled", failed.FailureReason, StringComparison.Ordinal);
        Assert.Contains(EnrollmentDecision.MailboxesSetting, failed.FailureReason, StringComparison.Ordinal);
        Assert.Equal(1, deliveries);
        Assert.Empty(await harness.PeekAllAsync(QueueNames.PoisonOf(QueueNames.Harvest)));
        Assert.Empty(await harness.PeekAllAsync(QueueNames.Evaluate));
        Assert.Equal(0, harness.Graph.Requests.CountFor(stranger));
        Assert.Null(await harness.Get<IMailboxStateStore>().LoadAsync(stranger, Cancel));
        Assert.Contains(logs.Entries, e => e.EventId == 2200 && e.Text.Contains(Outreach.Core.Contacts.EmailAddresses.Redact(stranger), StringComparison.Ordinal));
        Assert.All(logs.Entries.Where(e => e.Level >= LogLevel.Information), e => Assert.DoesNotContain(stranger, e.Text, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_queued_evaluation_for_a_mailbox_no_longer_enrolled_fails_its_scan_and_stores_no_results()
    {
        var stranger = Unique("left");
        await using var harness = await PipelineHarness.StartAsync([Unique("avery")]);
        var record = new ScanRecord { ScanId = ScanRecord.NewId(PipelineHarness.AsOf), Mailbox = stranger, Trigger = "timer", RequestedAt = PipelineHarness.AsOf };
        await harness.Get<IScanRecordStore>().TryCreateAsync(record, Cancel);
        await harness.Get<IPipelineQueue>().EnqueueEvaluateAsync(
            new EvaluateMessage(EvaluateMessage.CurrentVersion, record.ScanId, stranger, PipelineHarness.AsOf), Cancel);

        await harness.PumpAsync(Cancel);

        var failed = (await harness.Get<IScanRecordStore>().GetAsync(record.ScanId, Cancel))!;
        Assert.Equal(ScanState.Failed, failed.State);
        Assert.Contains("not enrolled", failed.FailureReason, StringComparison.Ordinal);
        Assert.Empty(await harness.Get<IContactResultStore>().ListAsync(stranger, null, Cancel));
        Assert.Empty(await harness.PeekAllAsync(QueueNames.PoisonOf(QueueNames.Evaluate)));
        Assert.Equal(0, harness.Graph.Requests.Count);
    }

    [Fact]
    public async Task Members_of_the_enrollment_group_are_enrolled_others_refused_and_the_group_is_listed_once_for_many_checks()
    {
        var member = Unique("member");
        var stranger = Unique("ceo");
        await using var harness = await PipelineHarness.StartAsync([], new() { ["Outreach:Pipeline:MailboxGroupId"] = GroupId });
        harness.Graph.Group(GroupId).AddUser(member);
        SmallMailbox.Load(harness.Graph.Mailbox(member), PipelineHarness.AsOf);
        SmallMailbox.Load(harness.Graph.Mailbox(stranger), PipelineHarness.AsOf);

        var (memberStatus, _, _) = await EnrollmentRouteTests.CallAsync(harness, "POST scans", member, member);
        var (strangerStatus, _, strangerBody) = await EnrollmentRouteTests.CallAsync(harness, "POST scans", member, stranger);
        var (contactsStatus, _, _) = await EnrollmentRouteTests.CallAsync(harness, "GET contacts", member, stranger);

        Assert.Equal(202, memberStatus);
        Assert.Equal(403, strangerStatus);
        Assert.Equal(403, contactsStatus);
        var problem = JsonDocument.Parse(strangerBody).RootElement;
        Assert.Equal(EnrollmentDecision.GroupSetting, problem.GetProperty("setting").GetString());
        // Only the directory was asked, once (the cache served the other checks); neither mailbox was read.
        var request = Assert.Single(harness.Graph.Requests.Entries);
        Assert.Contains($"/groups/{GroupId}/transitiveMembers", request.Path, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, harness.Graph.Requests.CountFor(stranger));

        // The member's queued scan runs to completion: enrollment lets the stages through.
        await harness.PumpAsync(Cancel);
        Assert.NotEmpty(await harness.Get<IContactResultStore>().ListAsync(member, null, Cancel));
        Assert.Equal(0, harness.Graph.Requests.CountFor(stranger));
    }

    [Fact]
    public async Task Stopping_analysis_from_the_review_page_erases_the_mailbox_and_keeps_the_opt_out_until_an_administrator_re_enrols_it()
    {
        var owner = Unique("avery");
        var logs = new CapturingLoggerProvider();
        await using var harness = await PipelineHarness.StartAsync([owner], WeeklyDigestEndToEndTests.DigestSettings(new string('k', 40)),
            s => s.AddSingleton<ILoggerProvider>(logs));
        await harness.LoadSampleAsAsync(owner);
        await harness.RunWeeklyAsync();
        await harness.PumpAsync(Cancel);
        Assert.NotNull(await harness.Get<IDigestStore>().GetAsync(owner, IsoWeek.Of(PipelineHarness.AsOf), Cancel));

        // Without the confirmation box nothing happens.
        var unconfirmed = await ActionResults.ExecuteAsync(await harness.Get<ReviewSubmitFunction>().RunAsync(
            EnrollmentRouteTests.ReviewPost(harness, owner, new() { ["action"] = ReviewHtml.StopAnalysingAction }), Cancel));
        Assert.Equal(400, unconfirmed.Status);
        Assert.NotNull(await harness.Get<IMailboxStateStore>().LoadAsync(owner, Cancel));

        var left = await ActionResults.ExecuteAsync(await harness.Get<ReviewSubmitFunction>().RunAsync(
            EnrollmentRouteTests.ReviewPost(harness, owner, new() { ["action"] = ReviewHtml.StopAnalysingAction, ["confirm-stop"] = "yes" }), Cancel));

        Assert.Equal(200, left.Status);
        Assert.Contains("stopped analysing", left.Body, StringComparison.Ordinal);
        Assert.Null(await harness.Get<IMailboxStateStore>().LoadAsync(owner, Cancel));
        Assert.Empty(await harness.Get<IContactResultStore>().ListAsync(owner, null, Cancel));
        Assert.Null(await harness.Get<IDigestStore>().GetAsync(owner, IsoWeek.Of(PipelineHarness.AsOf), Cancel));
        Assert.True(await harness.Get<IEnrollmentOptOutStore>().IsOptedOutAsync(owner, Cancel));

        // The next weekly run leaves the mailbox out, and an on-demand scan is refused as opted out.
        harness.Graph.Requests.Clear();
        await harness.RunWeeklyAsync();
        Assert.Empty(await harness.PeekAllAsync(QueueNames.Harvest));
        var (scanStatus, _, scanBody) = await EnrollmentRouteTests.CallAsync(harness, "POST scans", owner, owner);
        Assert.Equal(403, scanStatus);
        Assert.Equal("opted-out", JsonDocument.Parse(scanBody).RootElement.GetProperty("enrollment").GetString());
        Assert.Equal(0, harness.Graph.Requests.Count);

        // Erasing again (an administrator purging) keeps the opt-out too.
        await harness.Get<EraseMailboxFunction>().RunAsync(ActionResults.Request(method: "DELETE"), owner, Cancel);
        Assert.True(await harness.Get<IEnrollmentOptOutStore>().IsOptedOutAsync(owner, Cancel));

        // An administrator re-enrols: the scan is accepted again.
        var enrol = await ActionResults.JsonAsync(await harness.Get<EnrolMailboxFunction>().RunAsync(ActionResults.Request(method: "PUT"), owner, Cancel));
        Assert.True(enrol.GetProperty("enrolled").GetBoolean());
        Assert.True(enrol.GetProperty("optOutRemoved").GetBoolean());
        Assert.Equal(202, (await EnrollmentRouteTests.CallAsync(harness, "POST scans", owner, owner)).Status);

        Assert.Contains(logs.Entries, e => e.EventId == 2203);
        Assert.All(logs.Entries.Where(e => e.Level >= LogLevel.Information), e => Assert.DoesNotContain(owner, e.Text, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Re_enrolling_a_mailbox_on_neither_the_list_nor_the_group_is_still_403_naming_the_setting()
    {
        var stranger = Unique("ceo");
        await using var harness = await PipelineHarness.StartAsync([Unique("avery")]);

        var (status, type, body, _) = await ActionResults.ExecuteAsync(
            await harness.Get<EnrolMailboxFunction>().RunAsync(ActionResults.Request(method: "PUT"), stranger, Cancel));

        Assert.Equal(403, status);
        Assert.StartsWith("application/problem+json", type, StringComparison.Ordinal);
        Assert.Equal(EnrollmentDecision.MailboxesSetting, JsonDocument.Parse(body).RootElement.GetProperty("setting").GetString());
    }
}
