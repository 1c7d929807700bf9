using System.Text.Json;
using Outreach.Functions.Tests.Support;

namespace Outreach.Functions.Tests.Invitations;

/// <summary>
/// POST /api/invitations: every field check the hand-read JSON made, read through the request DTO — the
/// same field named, with the same words, in the same order whatever the order of the body.
/// </summary>
[Collection(QueueCollection.Name)]
public sealed class InvitationRequestFieldTests
{
    private const string Ok = "\"contacts\":[\"dana@fabrikam.com\"],\"mode\":\"video\"";

    private static async Task<(PipelineHarness Harness, string Owner)> StartAsync()
    {
        var owner = $"avery-{Guid.NewGuid():N}"[..14] + "@northwind-labs.com";
        var harness = await PipelineHarness.StartAsync([owner]);
        harness.Graph.Mailbox(owner).SetProfile("Avery Quinn");
        return (harness, owner);
    }

    [Theory]
    [InlineData("[]", "body", "send a JSON object")]
    [InlineData("null", "body", "send a JSON object")]
    [InlineData("{}", "mailbox", "is required (a user principal name)")]
    [InlineData("""{"mailbox":42,OK}""", "mailbox", "is required (a user principal name)")]
    [InlineData("""{"Mailbox":"OWNER",OK}""", "mailbox", "is required (a user principal name)")]
    [InlineData("""{"mailbox":"OWNER","contacts":"dana@fabrikam.com","mode":"video"}""", "contacts", "is required (a list of addresses)")]
    [InlineData("""{"mailbox":"OWNER","mode":"video"}""", "contacts", "is required (a list of addresses)")]
    [InlineData("""{"mailbox":"OWNER","contacts":["dana@fabrikam.com",7],"mode":"video"}""", "contacts[1]", "must be an email address")]
    [InlineData("""{"mailbox":"OWNER","contacts":[null],"mode":"video"}""", "contacts[0]", "must be an email address")]
    [InlineData("""{"mailbox":"OWNER","contacts":["dana@fabrikam.com"]}""", "mode", "must be \"video\" or \"in-person\"")]
    [InlineData("""{"mailbox":"OWNER","contacts":["dana@fabrikam.com"],"mode":1}""", "mode", "must be \"video\" or \"in-person\"")]
    [InlineData("""{"mailbox":"OWNER",OK,"template":5}""", "template", "must be a string")]
    [InlineData("""{"mailbox":"OWNER",OK,"location":true}""", "location", "must be a string")]
    [InlineData("""{"mailbox":"OWNER",OK,"start":20260302}""", "start", "must be a string")]
    [InlineData("""{"mailbox":"OWNER",OK,"timeZone":["UTC"]}""", "timeZone", "must be a string")]
    [InlineData("""{"mailbox":"OWNER",OK,"durationMinutes":30.5}""", "durationMinutes", "must be a whole number of minutes")]
    [InlineData("""{"mailbox":"OWNER",OK,"durationMinutes":"30"}""", "durationMinutes", "must be a whole number of minutes")]
    [InlineData("""{"mailbox":"OWNER",OK,"dryRun":"yes"}""", "dryRun", "must be true or false")]
    [InlineData("""{"dryRun":"yes","template":5,"mailbox":42}""", "mailbox", "is required (a user principal name)")]
    [InlineData("""{"dryRun":"yes","mailbox":"OWNER",OK,"location":1}""", "location", "must be a string")]
    public async Task Each_bad_field_is_400_naming_it_with_the_same_words_and_sends_nothing(string json, string field, string message)
    {
        var (harness, owner) = await StartAsync();
        await using var disposable = harness;

        var (status, problem) = await harness.InviteAsync(json.Replace("OK", Ok, StringComparison.Ordinal).Replace("OWNER", owner, StringComparison.Ordinal));

        Assert.Equal(400, status);
        Assert.Equal(message, problem.GetProperty("errors").GetProperty(field)[0].GetString());
        Assert.Equal($"{field}: {message}", problem.GetProperty("detail").GetString());
        Assert.Empty(harness.Graph.Mailbox(owner).PostedEvents);
    }

    [Fact]
    public async Task Null_optional_fields_and_unknown_fields_are_ignored()
    {
        var (harness, owner) = await StartAsync();
        await using var disposable = harness;

        var (status, body) = await harness.InviteAsync(
            $$$"""{"mailbox":"{{{owner}}}",{{{Ok}}},"template":null,"location":null,"start":null,"timeZone":null,"durationMinutes":null,"dryRun":true,"note":{"x":[1]}}""");

        Assert.Equal(200, status);
        Assert.Equal("dry-run", body.GetProperty("results")[0].GetProperty("outcome").GetString());
        Assert.Empty(harness.Graph.Mailbox(owner).PostedEvents);
    }

    [Fact]
    public async Task A_long_Idempotency_Key_is_named_before_a_body_that_is_no_object()
    {
        var (harness, _) = await StartAsync();
        await using var disposable = harness;

        var (status, problem) = await harness.InviteAsync("[]", new string('k', 201));

        Assert.Equal(400, status);
        Assert.True(problem.GetProperty("errors").TryGetProperty("Idempotency-Key", out _), problem.ToString());
    }
}
