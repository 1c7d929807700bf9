using NSubstitute;
using Outreach.Core.Pipeline;
using Outreach.Functions.Http;
using Outreach.Functions.Tests.Support;

namespace Outreach.Functions.Tests.Http;

public sealed class GetScanFunctionTests
{
    private readonly IScanRecordStore _scans = Substitute.For<IScanRecordStore>();

    [Fact]
    public async Task A_completed_scan_shows_its_outcome()
    {
        _scans.GetAsync("s-1", Arg.Any<CancellationToken>()).Returns(new ScanRecord
        {
            ScanId = "s-1", Mailbox = "a@b.com", Trigger = "http", RequestedAt = DateTimeOffset.UnixEpoch,
            State = ScanState.Completed, Counts = new Dictionary<string, int> { ["flagged"] = 4 }, GraphRequests = 7,
        });

        var json = await ActionResults.JsonAsync(await new GetScanFunction(_scans).RunAsync(ActionResults.Request(method: "GET"), "s-1", TestContext.Current.CancellationToken));

        Assert.Equal("completed", json.GetProperty("state").GetString());
        Assert.Equal(4, json.GetProperty("counts").GetProperty("flagged").GetInt32());
        Assert.Equal(7, json.GetProperty("graphRequests").GetInt32());
        Assert.False(json.TryGetProperty("eTag", out _));
    }

    [Fact]
    public async Task An_incomplete_scan_shows_that_and_why()
    {
        _scans.GetAsync("s-3", Arg.Any<CancellationToken>()).Returns(new ScanRecord
        {
            ScanId = "s-3", Mailbox = "a@b.com", Trigger = "http", RequestedAt = DateTimeOffset.UnixEpoch,
            State = ScanState.Completed, Incomplete = true, IncompleteReason = "inbox: reached the cap",
        });

        var json = await ActionResults.JsonAsync(await new GetScanFunction(_scans).RunAsync(ActionResults.Request(method: "GET"), "s-3", TestContext.Current.CancellationToken));

        Assert.Equal((true, "inbox: reached the cap"), (json.GetProperty("incomplete").GetBoolean(), json.GetProperty("incompleteReason").GetString()));
    }

    [Fact]
    public async Task A_failed_scan_shows_its_reason()
    {
        _scans.GetAsync("s-2", Arg.Any<CancellationToken>()).Returns(new ScanRecord
        {
            ScanId = "s-2", Mailbox = "a@b.com", Trigger = "timer", RequestedAt = DateTimeOffset.UnixEpoch,
            State = ScanState.Failed, FailureReason = "Grant Mail.Read",
        });

        var json = await ActionResults.JsonAsync(await new GetScanFunction(_scans).RunAsync(ActionResults.Request(method: "GET"), "s-2", TestContext.Current.CancellationToken));

        Assert.Equal(("failed", "Grant Mail.Read"), (json.GetProperty("state").GetString(), json.GetProperty("failureReason").GetString()));
    }

    [Fact]
    public async Task An_unknown_scan_is_404_problem()
    {
        var (status, contentType, _, _) = await ActionResults.ExecuteAsync(
            await new GetScanFunction(_scans).RunAsync(ActionResults.Request(method: "GET"), "nope", TestContext.Current.CancellationToken));

        Assert.Equal((404, true), (status, contentType.StartsWith("application/problem+json", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_malformed_id_is_400_naming_scanId()
    {
        var json = await ActionResults.JsonAsync(
            await new GetScanFunction(_scans).RunAsync(ActionResults.Request(method: "GET"), "../etc", TestContext.Current.CancellationToken));

        Assert.True(json.GetProperty("errors").TryGetProperty("scanId", out _));
        await _scans.DidNotReceive().GetAsync(Arg.Any<string>(), Arg.Any<CancellationToken>());
    }
}
