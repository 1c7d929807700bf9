using System.Text.Json;
using Outreach.Core.Pipeline;
using Outreach.Functions.Pipeline;

namespace Outreach.Functions.Tests;

/// <summary>
/// The host binds what functions.metadata says, not what the attributes say: read the file the worker SDK
/// generated at build time and check every trigger as the host would see it.
/// </summary>
public sealed class FunctionsMetadataTests
{
    private static readonly string FunctionsOutput = FindFunctionsOutput();

    private static string FindFunctionsOutput()
    {
        // tests/Outreach.Functions.Tests/bin/<Configuration>/net10.0 → src/Outreach.Functions/bin/<Configuration>/net10.0
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = testOutput.Name;
        var configuration = testOutput.Parent!.Name;
        var root = testOutput.Parent.Parent!.Parent!.Parent!.Parent!.FullName;
        return Path.Combine(root, "src", "Outreach.Functions", "bin", configuration, framework);
    }

    private static Dictionary<string, JsonElement> Functions()
    {
        var path = Path.Combine(FunctionsOutput, "functions.metadata");
        Assert.True(File.Exists(path), $"functions.metadata not found at {path}; build the Functions project first");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!, f => f.Clone());
    }

    private static JsonElement Trigger(string function) =>
        Functions()[function].GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));

    [Fact]
    public void Every_function_is_declared_and_nothing_else()
    {
        Assert.Equal(
            [
                "AddSuppressionFunction", "EnrolMailboxFunction", "EraseMailboxFunction", "EvaluateFunction", "GetContactsFunction", "GetEnrollmentFunction",
                "GetScanFunction", "HarvestFunction", "ImportLinkedInFunction",
                "ListTemplatesFunction", "RemoveSuppressionFunction", "ReviewPageFunction", "ReviewSubmitFunction", "SendInvitationFunction",
                "StartScanFunction", "SubscribeDigestFunction", "UnsubscribeDigestFunction", "WeeklyScanFunction",
            ],
            Functions().Keys.Order());
    }

    [Fact]
    public void The_weekly_run_reads_its_schedule_from_an_app_setting()
    {
        var trigger = Trigger("WeeklyScanFunction");

        Assert.Equal("timerTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal("%OUTREACH_WEEKLY_SCHEDULE%", trigger.GetProperty("schedule").GetString());
    }

    [Theory]
    [InlineData("HarvestFunction", QueueNames.Harvest)]
    [InlineData("EvaluateFunction", QueueNames.Evaluate)]
    public void Queue_stages_listen_on_their_queue_with_the_host_storage_connection(string function, string queue)
    {
        var trigger = Trigger(function);

        Assert.Equal("queueTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal(queue, trigger.GetProperty("queueName").GetString());
        Assert.Equal("AzureWebJobsStorage", trigger.GetProperty("connection").GetString());
        Assert.Equal("string", trigger.GetProperty("dataType").GetString(), ignoreCase: true);
    }

    [Theory]
    [InlineData("StartScanFunction", "post", "scans")]
    [InlineData("GetScanFunction", "get", "scans/{scanId}")]
    [InlineData("GetContactsFunction", "get", "mailboxes/{mailbox}/contacts")]
    [InlineData("SendInvitationFunction", "post", "invitations")]
    [InlineData("EraseMailboxFunction", "delete", "mailboxes/{mailbox}")]
    [InlineData("ListTemplatesFunction", "get", "templates")]
    [InlineData("AddSuppressionFunction", "post", "suppressions")]
    [InlineData("RemoveSuppressionFunction", "delete", "suppressions/{mailbox}/{entry}")]
    [InlineData("SubscribeDigestFunction", "put", "mailboxes/{mailbox}/digest")]
    [InlineData("UnsubscribeDigestFunction", "delete", "mailboxes/{mailbox}/digest")]
    [InlineData("GetEnrollmentFunction", "get", "mailboxes/{mailbox}/enrollment")]
    [InlineData("EnrolMailboxFunction", "put", "mailboxes/{mailbox}/enrollment")]
    [InlineData("ImportLinkedInFunction", "post", "mailboxes/{mailbox}/imports/linkedin")]
    public void Http_functions_have_their_route_method_and_function_key(string function, string method, string route)
    {
        var trigger = Trigger(function);

        Assert.Equal("httpTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal(route, trigger.GetProperty("route").GetString());
        Assert.Equal([method], trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal("Function", trigger.GetProperty("authLevel").GetString());
    }

    /// <summary>The review page is reached from an email: its HMAC-signed link is the authorisation, so no function key.</summary>
    [Theory]
    [InlineData("ReviewPageFunction", "get")]
    [InlineData("ReviewSubmitFunction", "post")]
    public void The_review_page_is_anonymous_on_one_route(string function, string method)
    {
        var trigger = Trigger(function);

        Assert.Equal("httpTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal("review", trigger.GetProperty("route").GetString());
        Assert.Equal([method], trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal("Anonymous", trigger.GetProperty("authLevel").GetString());
    }

    [Fact]
    public void Host_json_is_in_the_output_and_agrees_with_the_code()
    {
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(FunctionsOutput, "host.json")));
        var queues = host.RootElement.GetProperty("extensions").GetProperty("queues");

        Assert.Equal("2.0", host.RootElement.GetProperty("version").GetString());
        Assert.Equal(QueueSettings.MaxDequeueCount, queues.GetProperty("maxDequeueCount").GetInt32());
        Assert.Equal("base64", queues.GetProperty("messageEncoding").GetString());
        // The host exports as OpenTelemetry too, so its invocation spans and the worker's join one trace.
        Assert.Equal("OpenTelemetry", host.RootElement.GetProperty("telemetryMode").GetString());
    }
}
