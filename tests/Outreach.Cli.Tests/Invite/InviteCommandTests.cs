using System.Text.Json;
using Outreach.Cli.Tests.Support;
using Outreach.Testing.Graph;

namespace Outreach.Cli.Tests.Invite;

/// <summary>`outreach invite` as a process (OUTREACH_GRAPH_TOKEN in its environment) against the loopback Graph server.</summary>
public sealed class InviteCommandTests
{
    [Fact]
    public async Task Invite_creates_one_event_and_a_second_run_with_the_same_ledger_skips()
    {
        await using var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        const string owner = "avery@northwind-labs.com";
        server.Mailbox(owner).SetProfile("Avery Quinn");
        var stateDir = Path.Combine(Path.GetTempPath(), "outreach-invite-" + Guid.NewGuid().ToString("N"));
        string[] args = ["invite", "--mailbox", owner, "--to", "dana@fabrikam.com", "--mode", "video", "--graph-base-url", server.BaseUrl, "--state-dir", stateDir, "--format", "json"];
        try
        {
            var first = await CliProcess.RunAsync(args);
            var second = await CliProcess.RunAsync(args);

            Assert.True(first.Exit == 0, first.Stderr);
            Assert.Equal("created", JsonDocument.Parse(first.Stdout).RootElement.GetProperty("results")[0].GetProperty("outcome").GetString());
            Assert.Equal("skipped", JsonDocument.Parse(second.Stdout).RootElement.GetProperty("results")[0].GetProperty("outcome").GetString());
            Assert.Equal(1, server.Mailbox(owner).CreatedEventCount);
        }
        finally
        {
            if (Directory.Exists(stateDir)) Directory.Delete(stateDir, recursive: true);
        }
    }

    [Fact]
    public async Task Two_invite_processes_on_one_state_folder_send_one_invitation()
    {
        await using var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        const string owner = "avery@northwind-labs.com";
        server.Mailbox(owner).SetProfile("Avery Quinn");
        // Every Graph call is slow, so both processes have read the ledger (and found Dana free) long before
        // either has created the event: only the ledger's reservation, held across processes, can decide.
        server.ResponseDelay = TimeSpan.FromMilliseconds(800);
        var stateDir = Path.Combine(Path.GetTempPath(), "outreach-race-" + Guid.NewGuid().ToString("N"));
        string[] args = ["invite", "--mailbox", owner, "--to", "dana@fabrikam.com", "--mode", "video", "--graph-base-url", server.BaseUrl, "--state-dir", stateDir, "--format", "json"];
        try
        {
            var runs = await Task.WhenAll(CliProcess.RunAsync(args), CliProcess.RunAsync(args));

            Assert.All(runs, run => Assert.True(run.Exit == 0, run.Stderr));
            var results = runs.Select(run => JsonDocument.Parse(run.Stdout).RootElement.GetProperty("results")[0]).ToList();
            var created = results.Where(r => r.GetProperty("outcome").GetString() == "created").ToList();
            Assert.NotEmpty(created);
            // A second run may only finish the first's own reservation (same transactionId, one event)...
            Assert.Single(created.Select(r => r.GetProperty("eventId").GetString()).Distinct());
            // ...or say why it sent nothing, as a code.
            Assert.All(results.Except(created), r => Assert.Contains(r.GetProperty("reasonCode").GetString(), new[] { "in-progress", "already-invited" }));
            Assert.Equal(1, server.Mailbox(owner).CreatedEventCount);
            Assert.Single(server.Mailbox(owner).PostedEvents.Select(e => e["transactionId"]!.GetValue<string>()).Distinct());
        }
        finally
        {
            if (Directory.Exists(stateDir)) Directory.Delete(stateDir, recursive: true);
        }
    }

    [Fact]
    public async Task A_dry_run_prints_the_rendered_invitation_and_creates_nothing()
    {
        await using var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        const string owner = "avery@northwind-labs.com";
        server.Mailbox(owner).SetProfile("Avery Quinn");

        var run = await CliProcess.RunAsync("invite", "--mailbox", owner, "--to", "dana@fabrikam.com", "--mode", "in-person", "--location", "Fourth Coffee",
            "--dry-run", "--graph-base-url", server.BaseUrl, "--state-dir", Path.Combine(Path.GetTempPath(), "outreach-dry-" + Guid.NewGuid().ToString("N")), "--format", "json");

        var result = JsonDocument.Parse(run.Stdout).RootElement.GetProperty("results")[0];
        Assert.Equal("dry-run", result.GetProperty("outcome").GetString());
        Assert.Contains("Fourth Coffee", result.GetProperty("body").GetString(), StringComparison.Ordinal);
        Assert.Empty(server.Mailbox(owner).PostedEvents);
    }

    [Theory]
    [InlineData("--mode: 'phone' is not a mode", "invite", "--mailbox", "a@b.com", "--to", "c@d.com", "--mode", "phone")]
    [InlineData("--to: name at least one contact", "invite", "--mailbox", "a@b.com", "--mode", "video")]
    [InlineData("--start: 'tomorrow' is not an ISO-8601", "invite", "--mailbox", "a@b.com", "--to", "c@d.com", "--mode", "video", "--start", "tomorrow")]
    [InlineData("--start: '2026-06-02T10:00:00' needs an offset", "invite", "--mailbox", "a@b.com", "--to", "c@d.com", "--mode", "video", "--start", "2026-06-02T10:00:00")]
    public async Task Bad_arguments_are_refused_with_a_message(string message, params string[] args)
    {
        var run = await CliRun.RunAsync(args);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains(message, run.Console + run.Error, StringComparison.Ordinal);
    }
}
