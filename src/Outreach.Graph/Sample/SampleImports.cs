using System.Text.Json.Nodes;
using Outreach.Core.Imports;
using Outreach.Core.Touchpoints;

namespace Outreach.Graph.Sample;

/// <summary>
/// The sample's LinkedIn export as if it had been imported (issue 13), so `outreach scan --sample` shows a
/// LinkedIn-only contact and an email contact whose LinkedIn messages add to the count. Read-only: the sample is
/// never imported into. <c>linkedin.contacts[]</c> = { contactKey, email, profileUrl, displayName, connectedOnDateTime };
/// <c>linkedin.messages[]</c> = { contactKey, id, conversationId, sentDateTime, direction ("sent"/"received") }.
/// </summary>
public sealed class SampleImports(SampleMailbox sample, DateTimeOffset asOf) : IImportStore
{
    public Task<ImportMergeResult> MergeAsync(string mailbox, ImportBatch batch, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("The sample mailbox is read-only; import into a real mailbox's --state-dir.");

    public Task<ImportedActivity> LoadAsync(string mailbox, CancellationToken cancellationToken)
    {
        if (!string.Equals(mailbox, sample.Mailbox, StringComparison.OrdinalIgnoreCase)) return Task.FromResult(ImportedActivity.Empty);
        var contacts = sample.LinkedIn("contacts", asOf).OfType<JsonObject>().Select(c => new ImportedContact(
            (string)c["contactKey"]!, (string?)c["email"], (string?)c["profileUrl"], (string?)c["displayName"],
            c["connectedOnDateTime"] is { } on ? SampleTeamsReader.Date(on) : null)).ToList();
        var messages = sample.LinkedIn("messages", asOf).OfType<JsonObject>().Select(m => (TextChannel.LinkedIn, new ImportedMessage(
            (string)m["contactKey"]!,
            TextTouchpoint.Key("linkedin:" + (string)m["id"]!),
            TextTouchpoint.Key("linkedin:" + (string)m["conversationId"]!),
            SampleTeamsReader.Date(m["sentDateTime"]),
            (string?)m["direction"] == "sent" ? TextDirection.Sent : TextDirection.Received))).ToList();
        return Task.FromResult(new ImportedActivity(contacts, messages));
    }

    public Task EraseAsync(string mailbox, CancellationToken cancellationToken) => Task.CompletedTask;
}
