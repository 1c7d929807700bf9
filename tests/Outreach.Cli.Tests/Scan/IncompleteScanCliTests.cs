using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Outreach.Cli.Tests.Support;
using Outreach.Testing.Graph;

namespace Outreach.Cli.Tests.Scan;

/// <summary>
/// Issue 11 through the CLI: the JSON says whether the scan read its whole window (<c>incomplete</c>,
/// <c>incompleteReasons</c>), and the table warns when it did not.
/// </summary>
public sealed class IncompleteScanCliTests
{
    private const string AsOf = "2026-03-02T09:00:00Z";
    private const string Mailbox = "avery.quinn@northwind-labs.com";

    /// <summary>
    /// A burst of 5,000 newsletters in the hour before the newest message: the delta that takes over from the list
    /// starts an hour before that message, reaches Graph's 5,000-message cap of a filtered delta, and the reader
    /// cannot tell which were dropped, so the scan reports itself incomplete.
    /// </summary>
    private static async Task<GraphLoopbackServer> ServerWithBurstAsync()
    {
        var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        var mailbox = server.Mailbox(Mailbox);
        var asOf = DateTimeOffset.Parse(AsOf, CultureInfo.InvariantCulture);
        for (var i = 0; i < 5000; i++)
        {
            mailbox.AddMessage("inbox", Newsletter($"burst-{i}", asOf.AddSeconds(-i * 0.7)));
        }

        return server;
    }

    private static JsonObject Newsletter(string id, DateTimeOffset received)
    {
        var at = received.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        JsonObject Address() => new() { ["emailAddress"] = new JsonObject { ["name"] = "News", ["address"] = "news@lists.example.com" } };
        return new JsonObject
        {
            ["id"] = id,
            ["conversationId"] = "c-" + id,
            ["receivedDateTime"] = at,
            ["sentDateTime"] = at,
            ["isDraft"] = false,
            ["subject"] = "Weekly news",
            ["from"] = Address(),
            ["sender"] = Address(),
            ["toRecipients"] = new JsonArray(new JsonObject { ["emailAddress"] = new JsonObject { ["address"] = Mailbox } }),
            ["ccRecipients"] = new JsonArray(),
            ["internetMessageHeaders"] = new JsonArray(new JsonObject { ["name"] = "List-Unsubscribe", ["value"] = "<mailto:u@lists.example.com>" }),
        };
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> ScanAsync(GraphLoopbackServer server, string format)
    {
        var stateDir = Path.Combine(Path.GetTempPath(), "outreach-cli-incomplete-" + Guid.NewGuid().ToString("N"));
        try
        {
            return await CliProcess.RunAsync(
                "scan", "--mailbox", Mailbox, "--graph-base-url", server.BaseUrl, "--as-of", AsOf, "--format", format, "--state-dir", stateDir);
        }
        finally
        {
            if (Directory.Exists(stateDir)) Directory.Delete(stateDir, recursive: true);
        }
    }

    [Fact]
    public async Task Json_of_a_complete_scan_says_incomplete_false_with_no_reasons()
    {
        var root = (await SampleRunCache.JsonAsync(AsOf)).Json();

        Assert.Equal(JsonValueKind.False, root.GetProperty("incomplete").ValueKind);
        Assert.Equal(JsonValueKind.Array, root.GetProperty("incompleteReasons").ValueKind);
        Assert.Equal(0, root.GetProperty("incompleteReasons").GetArrayLength());
    }

    [Fact]
    public async Task Json_of_a_scan_that_hit_the_delta_cap_says_incomplete_true_with_the_reason()
    {
        await using var server = await ServerWithBurstAsync();

        var (exit, stdout, stderr) = await ScanAsync(server, "json");

        Assert.True(exit == 0, stderr);
        var root = JsonDocument.Parse(stdout).RootElement;
        Assert.True(root.GetProperty("incomplete").GetBoolean());
        var reason = Assert.Single(root.GetProperty("incompleteReasons").EnumerateArray()).GetString();
        Assert.StartsWith("inbox: 5000 or more messages arrived", reason, StringComparison.Ordinal);
        Assert.Contains("5000-message cap", reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_table_of_an_incomplete_scan_warns_and_says_why()
    {
        await using var server = await ServerWithBurstAsync();

        var (exit, stdout, stderr) = await ScanAsync(server, "table");

        Assert.True(exit == 0, stderr);
        // Short enough not to be wrapped at a redirected console's 80 columns.
        Assert.Contains("Warning: this scan could not read the whole mailbox window", stdout, StringComparison.Ordinal);
        Assert.Contains("inbox: 5000 or more messages", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_table_of_a_complete_scan_has_no_warning()
    {
        var run = await CliRun.RunAsync("scan", "--sample", "--as-of", AsOf);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("pages read", run.Console, StringComparison.Ordinal);
        Assert.DoesNotContain("Warning:", run.Console, StringComparison.Ordinal);
    }
}
