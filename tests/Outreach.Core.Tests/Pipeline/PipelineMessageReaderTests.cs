using Outreach.Core.Pipeline;

namespace Outreach.Core.Tests.Pipeline;

public sealed class PipelineMessageReaderTests
{
    [Fact]
    public void A_harvest_message_round_trips()
    {
        var json = """{"v":1,"scanId":"20260601120000-abcdef012345","mailbox":"avery@northwind.com","requestedAt":"2026-06-01T12:00:00Z","trigger":"timer"}""";

        Assert.True(PipelineMessageReader.TryReadHarvest(json, out var message, out _));
        Assert.Equal(("20260601120000-abcdef012345", "avery@northwind.com", "timer"), (message.ScanId, message.Mailbox, message.Trigger));
    }

    [Fact]
    public void Unknown_fields_are_ignored_so_a_newer_sender_does_not_break_an_older_worker()
    {
        var json = """{"v":1,"scanId":"s-1","mailbox":"a@b.com","requestedAt":"2026-06-01T12:00:00Z","trigger":"http","priority":"high"}""";

        Assert.True(PipelineMessageReader.TryReadHarvest(json, out _, out _));
    }

    [Theory]
    [InlineData("", "empty message")]
    [InlineData("not json", "not valid JSON")]
    [InlineData("""{"v":2,"scanId":"s-1","mailbox":"a@b.com","requestedAt":"2026-06-01T12:00:00Z","trigger":"http"}""", "unsupported version 2")]
    [InlineData("""{"v":1,"mailbox":"a@b.com","requestedAt":"2026-06-01T12:00:00Z","trigger":"http"}""", "scanId")]
    [InlineData("""{"v":1,"scanId":"s/../1","mailbox":"a@b.com","requestedAt":"2026-06-01T12:00:00Z","trigger":"http"}""", "malformed scanId")]
    [InlineData("""{"v":1,"scanId":"s-1","mailbox":"nobody","requestedAt":"2026-06-01T12:00:00Z","trigger":"http"}""", "malformed mailbox")]
    [InlineData("""{"v":1,"scanId":"s-1","mailbox":"a@b.com","requestedAt":"2026-06-01T12:00:00Z","trigger":"cron"}""", "unknown trigger")]
    [InlineData("""[1,2,3]""", "not valid JSON")]
    public void Unusable_messages_say_why(string raw, string reason)
    {
        Assert.False(PipelineMessageReader.TryReadHarvest(raw, out var message, out var why));
        Assert.Null(message);
        Assert.Contains(reason, why, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_messages_need_their_moment()
    {
        Assert.False(PipelineMessageReader.TryReadEvaluate("""{"v":1,"scanId":"s-1","mailbox":"a@b.com"}""", out _, out var why));
        Assert.Contains("asOf", why, StringComparison.Ordinal);
        Assert.True(PipelineMessageReader.TryReadEvaluate("""{"v":1,"scanId":"s-1","mailbox":"a@b.com","asOf":"2026-06-01T12:00:00Z"}""", out _, out _));
    }
}
