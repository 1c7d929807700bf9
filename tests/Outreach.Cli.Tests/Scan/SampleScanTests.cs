using System.Text.Json;
using Outreach.Cli.Tests.Support;

namespace Outreach.Cli.Tests.Scan;

/// <summary>
/// `outreach scan --sample` end to end: the bundled mailbox, through the real pipeline, must give every
/// contact the status the sample was written to exercise (Sample/sample-expectations.json).
/// </summary>
public sealed class SampleScanTests
{
    private const string AsOf = "2026-03-02T09:00:00Z";

    public static TheoryData<string, string, int, int, string> Expectations()
    {
        using var file = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "Sample", "sample-expectations.json"));
        var data = new TheoryData<string, string, int, int, string>();
        foreach (var c in JsonDocument.Parse(file).RootElement.GetProperty("contacts").EnumerateArray())
        {
            data.Add(c.GetProperty("email").GetString()!, c.GetProperty("status").GetString()!,
                c.GetProperty("sent").GetInt32(), c.GetProperty("received").GetInt32(), c.GetProperty("case").GetString()!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Expectations))]
    public async Task Every_sample_contact_gets_its_expected_status(string email, string status, int sent, int received, string rule)
    {
        var run = await SampleRunCache.JsonAsync(AsOf);
        var contacts = run.ContactsByEmail();

        if (status == "not-listed")
        {
            Assert.False(contacts.ContainsKey(email), rule);
            return;
        }

        Assert.True(contacts.ContainsKey(email), $"{email} missing ({rule})");
        var contact = contacts[email];
        Assert.Equal((status, sent, received), (contact.GetProperty("status").GetString(), contact.GetProperty("sent").GetInt32(), contact.GetProperty("received").GetInt32()));
    }

    [Fact]
    public async Task The_sample_lists_no_contact_the_expectations_do_not_name()
    {
        var expected = Expectations().Select(row => row.Data.Item1).ToHashSet();
        var run = await SampleRunCache.JsonAsync(AsOf);

        Assert.DoesNotContain(run.ContactsByEmail().Keys, e => !expected.Contains(e));
        Assert.DoesNotContain("avery.quinn@northwind-labs.com", run.ContactsByEmail().Keys);
        Assert.DoesNotContain("avery@northwind-labs.com", run.ContactsByEmail().Keys);
    }

    [Fact]
    public async Task The_sample_covers_every_status_the_scan_can_reach()
    {
        var statuses = (await SampleRunCache.JsonAsync(AsOf)).ContactsByEmail().Values.Select(c => c.GetProperty("status").GetString()).ToHashSet();

        Assert.Superset(new HashSet<string?> { "flagged", "met", "scheduled", "excluded", "below-threshold" }, statuses);
    }

    [Fact]
    public async Task Json_lists_flagged_contacts_first_by_score_descending()
    {
        var contacts = (await SampleRunCache.JsonAsync(AsOf)).Json().GetProperty("contacts").EnumerateArray().ToList();
        var flagged = contacts.TakeWhile(c => c.GetProperty("status").GetString() == "flagged").ToList();

        Assert.True(flagged.Count >= 10);
        Assert.DoesNotContain(contacts.Skip(flagged.Count), c => c.GetProperty("status").GetString() == "flagged");
        var scores = flagged.Select(c => c.GetProperty("score").GetDouble()).ToList();
        Assert.Equal(scores.OrderByDescending(s => s), scores);
        Assert.All(contacts.Skip(flagged.Count), c => Assert.Equal(JsonValueKind.Null, c.GetProperty("score").ValueKind));
    }

    [Fact]
    public async Task Json_has_the_contract_fields()
    {
        var run = await SampleRunCache.JsonAsync(AsOf);
        var root = run.Json();

        Assert.Equal("avery.quinn@northwind-labs.com", root.GetProperty("mailbox").GetString());
        Assert.Equal(DateTimeOffset.Parse(AsOf, System.Globalization.CultureInfo.InvariantCulture), root.GetProperty("asOf").GetDateTimeOffset());
        var first = root.GetProperty("contacts")[0];
        foreach (var field in new[] { "email", "displayName", "status", "score", "sent", "received", "lastTextAt", "lastMetAt", "reasons", "channels", "linkedinUrl" })
        {
            Assert.True(first.TryGetProperty(field, out _), $"missing {field}");
        }

        Assert.All(run.ContactsByEmail().Keys, e => Assert.Equal(e.ToLowerInvariant(), e));
    }

    [Fact]
    public async Task Mixed_case_addresses_are_one_contact_named_by_the_latest_message()
    {
        var dana = (await SampleRunCache.JsonAsync(AsOf)).ContactsByEmail()["dana.whitfield@fabrikam.com"];

        Assert.Equal("Dana Whitfield-Reyes", dana.GetProperty("displayName").GetString());
    }

    [Fact]
    public async Task Flagged_reasons_read_as_plain_language()
    {
        var priya = (await SampleRunCache.JsonAsync(AsOf)).ContactsByEmail()["priya.raman@fabrikam.com"];
        var reasons = priya.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()).ToList();

        Assert.Contains("17 emails in 180 days, 7 from them", reasons);
        Assert.Contains("never met by video or in person", reasons);
        Assert.Contains(reasons, r => r!.StartsWith("last ", StringComparison.Ordinal) && r.EndsWith(" ago", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_sample_looks_current_whatever_the_date()
    {
        var early = (await CliRun.RunAsync("scan", "--sample", "--format", "json", "--as-of", "2026-01-10T00:00:00Z")).ContactsByEmail();
        var late = (await CliRun.RunAsync("scan", "--sample", "--format", "json", "--as-of", "2031-07-01T00:00:00Z")).ContactsByEmail();

        Assert.Equal(
            early.ToDictionary(c => c.Key, c => c.Value.GetProperty("status").GetString()),
            late.ToDictionary(c => c.Key, c => c.Value.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task The_table_ranks_flagged_contacts_with_their_reasons()
    {
        var run = await CliRun.RunAsync("scan", "--sample", "--as-of", AsOf);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Priya Raman", run.Console, StringComparison.Ordinal);
        Assert.Contains("never met by video or in person", run.Console, StringComparison.Ordinal);
        Assert.DoesNotContain("below-threshold", run.Console.Split('\n').Where(l => l.Contains('│', StringComparison.Ordinal)), StringComparer.Ordinal);
        Assert.True(run.Console.IndexOf("Priya Raman", StringComparison.Ordinal) < run.Console.IndexOf("Tomás Herrera", StringComparison.Ordinal));
        Assert.Matches(@"\d+ flagged, \d+ met, \d+ scheduled, \d+ excluded, \d+ below-threshold", run.Console);
        Assert.Empty(run.Output);
    }

    [Fact]
    public async Task A_second_run_with_the_same_state_is_incremental_and_agrees()
    {
        var stateDir = Path.Combine(Path.GetTempPath(), "outreach-cli-" + Guid.NewGuid().ToString("N"));
        try
        {
            var first = await CliRun.RunAsync("scan", "--sample", "--format", "json", "--as-of", AsOf, "--state-dir", stateDir);
            var table = await CliRun.RunAsync("scan", "--sample", "--as-of", AsOf, "--state-dir", stateDir);
            var second = await CliRun.RunAsync("scan", "--sample", "--format", "json", "--as-of", AsOf, "--state-dir", stateDir);

            Assert.Contains("incremental", table.Console, StringComparison.Ordinal);
            Assert.Equal(
                first.ContactsByEmail().ToDictionary(c => c.Key, c => (c.Value.GetProperty("status").GetString(), c.Value.GetProperty("sent").GetInt32())),
                second.ContactsByEmail().ToDictionary(c => c.Key, c => (c.Value.GetProperty("status").GetString(), c.Value.GetProperty("sent").GetInt32())));
            Assert.NotEmpty(Directory.GetFiles(stateDir, "*.json"));
        }
        finally
        {
            Directory.Delete(stateDir, recursive: true);
        }
    }

    [Fact]
    public async Task The_sample_shows_Teams_and_LinkedIn_contacts_with_their_channels_named()
    {
        var contacts = (await SampleRunCache.JsonAsync(AsOf)).ContactsByEmail();

        var jonas = contacts["jonas.berg@adatum.com"];
        Assert.StartsWith("met by video ", Reasons(jonas)[0], StringComparison.Ordinal);
        Assert.Equal(5, jonas.GetProperty("channels").GetProperty("teamsChat").GetInt32());
        Assert.Contains("7 messages in 180 days: 7 Teams chats; 3 from them", Reasons(contacts["lea.vogel@adatum.com"]));
        Assert.Contains("1 meeting not counted: phone only", Reasons(contacts["lea.vogel@adatum.com"]));
        var emily = contacts["emily.carter@wingtiptoys.com"];
        Assert.Contains("4 messages in 180 days: 2 emails, 2 LinkedIn; 2 from them", Reasons(emily));
        Assert.Equal("https://www.linkedin.com/in/emily-carter-wtt", emily.GetProperty("linkedinUrl").GetString());
        var sofia = contacts["https://www.linkedin.com/in/sofia-marin-4821"];
        Assert.Equal(JsonValueKind.Null, sofia.GetProperty("email").ValueKind);
        Assert.Equal(5, sofia.GetProperty("channels").GetProperty("linkedin").GetInt32());
        Assert.Equal(0, sofia.GetProperty("channels").GetProperty("email").GetInt32());
    }

    [Fact]
    public async Task Sources_chosen_on_the_command_line_leave_the_Teams_feeds_unread()
    {
        var run = await CliRun.RunAsync("scan", "--sample", "--format", "json", "--as-of", AsOf, "--sources", "mail,calendar");

        Assert.Equal(0, run.ExitCode);
        var contacts = run.ContactsByEmail();
        Assert.False(contacts.ContainsKey("jonas.berg@adatum.com"));
        Assert.False(contacts.ContainsKey("lea.vogel@adatum.com"));
        // Imports are not a source: what was imported counts whatever is read.
        Assert.Equal("flagged", contacts["https://www.linkedin.com/in/sofia-marin-4821"].GetProperty("status").GetString());
        Assert.Equal("flagged", contacts["priya.raman@fabrikam.com"].GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_unknown_source_is_a_bad_argument_named()
    {
        var run = await CliRun.RunAsync("scan", "--sample", "--sources", "mail,fax");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("--sources: 'fax' is not a source", run.Console + run.Error, StringComparison.Ordinal);
    }

    private static List<string?> Reasons(JsonElement contact) =>
        [.. contact.GetProperty("reasons").EnumerateArray().Select(r => r.GetString())];
}

/// <summary>The sample's JSON run is deterministic for a given as-of; run it once for the many assertions.</summary>
internal static class SampleRunCache
{
    private static readonly Dictionary<string, Task<CliRun>> Runs = [];

    public static Task<CliRun> JsonAsync(string asOf)
    {
        lock (Runs)
        {
            if (!Runs.TryGetValue(asOf, out var run))
            {
                run = CliRun.RunAsync("scan", "--sample", "--format", "json", "--as-of", asOf);
                Runs[asOf] = run;
            }

            return run;
        }
    }
}
