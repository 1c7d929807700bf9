using Microsoft.Extensions.Options;
using NSubstitute;
using Outreach.Core.Pipeline;
using Outreach.Functions.Http;
using Outreach.Functions.Tests.Support;

namespace Outreach.Functions.Tests.Http;

public sealed class StartScanFunctionTests
{
    private readonly PipelineDoubles _doubles = new();

    private StartScanFunction Function => new(_doubles.Pipeline, Options.Create(_doubles.Options), EnrollmentDoubles.Everyone());

    [Fact]
    public async Task One_mailbox_is_queued_and_answered_with_202_and_a_location()
    {
        var result = await Function.RunAsync(ActionResults.Request("""{"mailbox":"Avery@Northwind.com"}"""), TestContext.Current.CancellationToken);
        var (status, _, body, headers) = await ActionResults.ExecuteAsync(result);

        Assert.Equal(202, status);
        var scanId = System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("scans")[0].GetProperty("scanId").GetString();
        Assert.Equal($"/api/scans/{scanId}", headers.Location.ToString());
        await _doubles.Queue.Received(1).EnqueueHarvestAsync(
            Arg.Is<HarvestMessage>(m => m.Mailbox == "avery@northwind.com" && m.Trigger == "http" && m.ScanId == scanId), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_list_of_mailboxes_queues_one_scan_each()
    {
        var result = await Function.RunAsync(ActionResults.Request("""{"mailboxes":["a@northwind.com","b@northwind.com"]}"""), TestContext.Current.CancellationToken);

        var json = await ActionResults.JsonAsync(result);
        Assert.Equal(2, json.GetProperty("scans").GetArrayLength());
        Assert.All(json.GetProperty("scans").EnumerateArray(), s => Assert.Equal("queued", s.GetProperty("state").GetString()));
        await _doubles.Queue.Received(2).EnqueueHarvestAsync(Arg.Any<HarvestMessage>(), Arg.Any<CancellationToken>());
    }

    [Theory]
    [InlineData("", "body")]
    [InlineData("{not json", "body")]
    [InlineData("[]", "body")]
    [InlineData("{}", "mailbox")]
    [InlineData("""{"mailbox":"a@b.com","mailboxes":["c@d.com"]}""", "mailbox")]
    [InlineData("""{"mailbox":"avery"}""", "mailbox")]
    [InlineData("""{"mailbox":42}""", "mailbox")]
    [InlineData("""{"mailboxes":[]}""", "mailboxes")]
    [InlineData("""{"mailboxes":"a@b.com"}""", "mailboxes")]
    [InlineData("""{"mailboxes":["a@b.com","nope"]}""", "mailboxes[1]")]
    [InlineData("""{"mailboxes":["a@b.com","c@b.com","d@b.com","e@b.com"]}""", "mailboxes")]
    public async Task Bad_input_is_a_problem_naming_the_field_and_queues_nothing(string body, string field)
    {
        var result = await Function.RunAsync(ActionResults.Request(body), TestContext.Current.CancellationToken);
        var (status, contentType, text, _) = await ActionResults.ExecuteAsync(result);

        Assert.Equal(400, status);
        Assert.StartsWith("application/problem+json", contentType, StringComparison.Ordinal);
        var problem = System.Text.Json.JsonDocument.Parse(text).RootElement;
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), text);
        await _doubles.Queue.DidNotReceive().EnqueueHarvestAsync(Arg.Any<HarvestMessage>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task An_oversized_body_is_refused()
    {
        var huge = "{\"mailbox\":\"a@b.com\",\"pad\":\"" + new string('x', 70_000) + "\"}";

        var result = await Function.RunAsync(ActionResults.Request(huge), TestContext.Current.CancellationToken);
        var (status, _, text, _) = await ActionResults.ExecuteAsync(result);

        Assert.Equal(400, status);
        Assert.Contains("larger than 64 KiB", text, StringComparison.Ordinal);
    }
}
