using Outreach.Functions.Invitations;
using Outreach.Functions.Tests.Support;

namespace Outreach.Functions.Tests.Invitations;

/// <summary>POST /api/suppressions: the body read through the request DTO, named as it always was.</summary>
[Collection(QueueCollection.Name)]
public sealed class SuppressionRequestFieldTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("[]", "body", "send a JSON object with \"mailbox\" and \"entry\"")]
    [InlineData("{not json", "body", null)]
    [InlineData("""{"entry":"@contoso.com"}""", "mailbox", "must be a user principal name such as avery@contoso.com")]
    [InlineData("""{"mailbox":7,"entry":"@contoso.com"}""", "mailbox", "must be a user principal name such as avery@contoso.com")]
    [InlineData("""{"mailbox":"OWNER","entry":["@contoso.com"]}""", "entry", "must be an email address or \"@domain\"")]
    [InlineData("""{"mailbox":"OWNER"}""", "entry", "must be an email address or \"@domain\"")]
    [InlineData("""{"mailbox":"OWNER","entry":"@contoso.com","reason":"LONG"}""", "reason", "must be at most 500 characters")]
    public async Task A_bad_body_is_400_naming_the_field(string json, string field, string? message)
    {
        var owner = $"avery-{Guid.NewGuid():N}"[..14] + "@northwind-labs.com";
        await using var harness = await PipelineHarness.StartAsync([owner]);

        var result = await harness.Get<AddSuppressionFunction>().RunAsync(
            ActionResults.Request(json.Replace("OWNER", owner, StringComparison.Ordinal).Replace("LONG", new string('r', 501), StringComparison.Ordinal)), Cancel);
        var problem = await ActionResults.JsonAsync(result);

        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        var errors = problem.GetProperty("errors").GetProperty(field);
        if (message is not null) Assert.Equal(message, errors[0].GetString());
    }

    [Fact]
    public async Task A_reason_that_is_not_a_string_is_read_as_none_and_the_entry_is_added()
    {
        var owner = $"avery-{Guid.NewGuid():N}"[..14] + "@northwind-labs.com";
        await using var harness = await PipelineHarness.StartAsync([owner]);

        var result = await harness.Get<AddSuppressionFunction>().RunAsync(
            ActionResults.Request($$"""{"mailbox":"{{owner}}","entry":"@Contoso.com","reason":42,"extra":true}"""), Cancel);
        var (status, _, body, _) = await ActionResults.ExecuteAsync(result);

        Assert.Equal(201, status);
        Assert.Contains("\"entry\":\"@contoso.com\"", body, StringComparison.Ordinal);
    }
}
