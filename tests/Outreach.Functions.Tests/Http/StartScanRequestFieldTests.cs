using Microsoft.Extensions.Options;
using NSubstitute;
using Outreach.Core.Pipeline;
using Outreach.Functions.Http;
using Outreach.Functions.Tests.Support;

namespace Outreach.Functions.Tests.Http;

/// <summary>POST /api/scans: the shapes of body the hand-read JSON told apart, read through the request DTO.</summary>
public sealed class StartScanRequestFieldTests
{
    private readonly PipelineDoubles _doubles = new();

    private StartScanFunction Function => new(_doubles.Pipeline, Options.Create(_doubles.Options), EnrollmentDoubles.Everyone());

    [Theory]
    [InlineData("null", "body", "send a JSON object with \"mailbox\" or \"mailboxes\"")]
    [InlineData("\"a@b.com\"", "body", "send a JSON object with \"mailbox\" or \"mailboxes\"")]
    [InlineData("""{"mailbox":null}""", "mailbox", "must be a user principal name such as avery@contoso.com")]
    [InlineData("""{"mailbox":null,"mailboxes":null}""", "mailbox", "give either \"mailbox\" (a user principal name) or \"mailboxes\" (a list), not both or neither")]
    [InlineData("""{"Mailbox":"a@b.com"}""", "mailbox", "give either \"mailbox\" (a user principal name) or \"mailboxes\" (a list), not both or neither")]
    [InlineData("""{"mailboxes":null}""", "mailboxes", "must be a non-empty list of user principal names")]
    [InlineData("""{"mailboxes":{"a":"a@b.com"}}""", "mailboxes", "must be a non-empty list of user principal names")]
    [InlineData("""{"mailboxes":["a@b.com",7]}""", "mailboxes[1]", "must be a user principal name such as avery@contoso.com")]
    [InlineData("""{"mailboxes":[["a@b.com"]]}""", "mailboxes[0]", "must be a user principal name such as avery@contoso.com")]
    [InlineData("""{"mailboxes":[1,2,3,4]}""", "mailboxes", "at most 3 mailboxes per request (4 given)")]
    public async Task Each_shape_of_bad_body_names_its_field_with_the_same_words(string body, string field, string message)
    {
        var result = await Function.RunAsync(ActionResults.Request(body), TestContext.Current.CancellationToken);
        var (status, _, text, _) = await ActionResults.ExecuteAsync(result);

        Assert.Equal(400, status);
        var problem = System.Text.Json.JsonDocument.Parse(text).RootElement;
        Assert.Equal(message, problem.GetProperty("errors").GetProperty(field)[0].GetString());
        Assert.Equal($"{field}: {message}", problem.GetProperty("detail").GetString());
        await _doubles.Queue.DidNotReceive().EnqueueHarvestAsync(Arg.Any<HarvestMessage>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Unknown_fields_are_ignored_and_the_last_of_a_repeated_field_counts()
    {
        var result = await Function.RunAsync(
            ActionResults.Request("""{"mailbox":"nope","extra":{"x":[1,{"y":null}]},"mailbox":"Avery@Northwind.com"}"""), TestContext.Current.CancellationToken);

        Assert.Equal(202, (await ActionResults.ExecuteAsync(result)).Status);
        await _doubles.Queue.Received(1).EnqueueHarvestAsync(Arg.Is<HarvestMessage>(m => m.Mailbox == "avery@northwind.com"), Arg.Any<CancellationToken>());
    }
}
