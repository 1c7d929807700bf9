using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Primitives;
using Outreach.Core.Digest;
using Outreach.Core.Imports;
using Outreach.Core.Pipeline;
using Outreach.Core.Policy;
using Outreach.Core.Touchpoints;
using Outreach.Functions.Tests.Support;

namespace Outreach.Functions.Tests.Digest;

/// <summary>
/// Issue 13, through the deployed pipeline: what was imported counts in the weekly scan, and a LinkedIn-only contact
/// is listed in the digest to be asked on LinkedIn (real services on Azurite, the sample through the loopback Graph).
/// </summary>
[Collection(QueueCollection.Name)]
public sealed class LinkedInDigestTests
{
    private const string Sofia = "https://www.linkedin.com/in/sofia-marin-4821";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_LinkedIn_only_contact_is_flagged_by_the_weekly_scan_and_listed_with_its_profile_link()
    {
        var owner = $"avery-{Guid.NewGuid():N}"[..15] + "@northwind-labs.com";
        var imports = new Imports(new ImportedActivity(
            [new ImportedContact(Sofia, null, Sofia, "Sofia Marín", null)],
            [.. new[] { (-20, TextDirection.Sent), (-10, TextDirection.Received), (-3, TextDirection.Sent) }.Select((m, i) => (TextChannel.LinkedIn,
                new ImportedMessage(Sofia, (ulong)(i + 1), 99, PipelineHarness.AsOf.AddDays(m.Item1), m.Item2)))]));
        var settings = WeeklyDigestEndToEndTests.DigestSettings(new string('k', 40));
        settings["Outreach:Digest:TopN"] = "20"; // the most it allows: the sample flags fewer, so every flagged contact is listed
        await using var harness = await PipelineHarness.StartAsync([owner], settings, services => services.AddSingleton<IImportStore>(imports));
        await harness.LoadSampleAsAsync(owner);
        await harness.RunWeeklyAsync();
        await harness.PumpAsync(Cancel);

        var stored = await harness.Get<IContactResultStore>().ListAsync(owner, ContactStatus.Flagged, Cancel);
        var listed = await harness.Get<WeeklyDigest>().CandidatesAsync(owner, PipelineHarness.AsOf, Cancel);

        var report = Assert.Single(stored, c => c.LinkedinUrl == Sofia);
        Assert.Null(report.Email);
        Assert.Equal(3, report.Channels.LinkedIn);
        var contact = Assert.Single(listed, c => c.IsLinkedInOnly);
        Assert.Equal(Sofia, contact.LinkedinUrl);
        Assert.Equal(Sofia, contact.Email);
        Assert.Contains(listed, c => !c.IsLinkedInOnly);
    }

    [Fact]
    public async Task The_review_form_refuses_an_invitation_choice_for_a_LinkedIn_only_contact_and_sends_nothing()
    {
        var owner = $"blake-{Guid.NewGuid():N}"[..15] + "@northwind-labs.com";
        var imports = new Imports(new ImportedActivity(
            [new ImportedContact(Sofia, null, Sofia, "Sofia Marín", null)],
            [.. new[] { (-20, TextDirection.Sent), (-10, TextDirection.Received), (-3, TextDirection.Sent) }.Select((m, i) => (TextChannel.LinkedIn,
                new ImportedMessage(Sofia, (ulong)(i + 1), 99, PipelineHarness.AsOf.AddDays(m.Item1), m.Item2)))]));
        var settings = WeeklyDigestEndToEndTests.DigestSettings(new string('k', 40));
        settings["Outreach:Digest:TopN"] = "20";
        await using var harness = await PipelineHarness.StartAsync([owner], settings, services => services.AddSingleton<IImportStore>(imports));
        await harness.LoadSampleAsAsync(owner);
        await harness.RunWeeklyAsync();
        await harness.PumpAsync(Cancel);
        var record = (await harness.Get<IDigestStore>().GetAsync(owner, IsoWeek.Of(PipelineHarness.AsOf), Cancel))!;
        var index = record.Contacts.ToList().FindIndex(c => c.IsLinkedInOnly);
        Assert.True(index >= 0, "the digest lists the LinkedIn-only contact");
        var links = harness.Get<ReviewLinks>();
        var link = links.Sign(owner, record.Week, record.ExpiresAt);
        var nonce = ReviewLinks.NewNonce();

        Task<(int Status, string Body)> PostAsync(Dictionary<string, StringValues> fields) => ReviewForm.PostAsync(harness, link, nonce, fields, Cancel);

        var video = await PostAsync(new() { [$"choice-{index}"] = "video" });
        var inPerson = await PostAsync(new() { [$"choice-{index}"] = "in-person", [$"location-{index}"] = "Fourth Coffee" });

        Assert.Equal((400, true), (video.Status, video.Body.Contains($"choice-{index}", StringComparison.Ordinal)));
        Assert.Equal((400, true), (inPerson.Status, inPerson.Body.Contains($"choice-{index}", StringComparison.Ordinal)));
        Assert.Equal(0, harness.Graph.Mailbox(owner).CreatedEventCount);

        // Leaving them (no choice) is accepted: the refusals were about the choice, not the form.
        var fine = await PostAsync([]);
        Assert.Equal(200, fine.Status);
    }

    private sealed class Imports(ImportedActivity activity) : IImportStore
    {
        public Task<ImportMergeResult> MergeAsync(string mailbox, ImportBatch batch, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<ImportedActivity> LoadAsync(string mailbox, CancellationToken cancellationToken) => Task.FromResult(activity);

        public Task EraseAsync(string mailbox, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
