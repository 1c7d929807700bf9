using System.Globalization;
using Outreach.Core.Invitations;

namespace Outreach.Core.Tests.Invitations;

public sealed class InvitationStartTests
{
    [Theory]
    [InlineData("2026-06-02T10:00:00Z", "2026-06-02T10:00:00Z")]
    [InlineData("2026-06-02T10:00Z", "2026-06-02T10:00:00Z")]
    [InlineData("2026-06-02T12:00:00+02:00", "2026-06-02T10:00:00Z")]
    [InlineData("2026-06-02T05:00:00-0500", "2026-06-02T10:00:00Z")]
    [InlineData(" 2026-06-02T10:00:00.000z ", "2026-06-02T10:00:00Z")]
    public void A_start_with_an_offset_is_read_as_that_instant(string text, string expected)
    {
        var start = InvitationStart.Parse(text, out var problem);

        Assert.Null(problem);
        Assert.Equal(DateTimeOffset.Parse(expected, CultureInfo.InvariantCulture), start);
    }

    [Theory]
    [InlineData("2026-06-02T10:00:00", "needs an offset")]
    [InlineData("2026-06-02T10:00:00.5", "needs an offset")]
    [InlineData("2026-06-02", "must be an ISO-8601")]
    [InlineData("tomorrow", "must be an ISO-8601")]
    [InlineData("2026-06-02T25:00:00Z", "must be an ISO-8601")]
    public void A_start_without_an_offset_or_not_a_date_time_is_refused_with_why(string text, string expected)
    {
        var start = InvitationStart.Parse(text, out var problem);

        Assert.Null(start);
        Assert.StartsWith(expected, problem, StringComparison.Ordinal);
    }
}
