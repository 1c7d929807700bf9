using Outreach.Core.Policy;

namespace Outreach.Core.Tests.Policy;

public sealed class ContactScorerTests
{
    private static double Score(int sent = 3, int received = 3, int conversations = 2, double days = 10) =>
        ContactScorer.Score(sent, received, conversations, days, recentTextDays: 90);

    [Fact]
    public void More_messages_score_higher() => Assert.True(Score(6, 6) > Score(2, 2));

    [Fact]
    public void Balanced_exchange_scores_higher_than_one_sided() => Assert.True(Score(5, 5) > Score(9, 1));

    [Fact]
    public void Recent_scores_higher_than_stale() => Assert.True(Score(days: 2) > Score(days: 80));

    [Fact]
    public void More_threads_score_higher() => Assert.True(Score(conversations: 5) > Score(conversations: 1));

    [Fact]
    public void Scores_stay_between_0_and_100()
    {
        Assert.InRange(Score(500, 500, 100, 0), 0, 100);
        Assert.Equal(100, Score(500, 500, 100, 0));
        Assert.InRange(Score(1, 0, 1, 400), 0, 100);
    }
}
