namespace Outreach.Core.Policy;

/// <summary>
/// Ranks flagged contacts, 0–100: how much was said (volume, with diminishing returns), how two-way it is
/// (reciprocity), how fresh it is (recency) and over how many threads (breadth). Weights favour volume
/// and balance: a long, even exchange is the relationship most worth a face.
/// </summary>
public static class ContactScorer
{
    private const double VolumeWeight = 0.35;
    private const double ReciprocityWeight = 0.25;
    private const double RecencyWeight = 0.25;
    private const double BreadthWeight = 0.15;

    /// <summary>Volume saturates at this many messages; more adds nothing.</summary>
    private const int VolumeSaturation = 20;

    /// <summary>Breadth saturates at this many conversations.</summary>
    private const int BreadthSaturation = 6;

    public static double Score(int sent, int received, int conversations, double daysSinceLast, int recentTextDays)
    {
        var total = sent + received;
        if (total == 0) return 0;
        var volume = Math.Min(1, Math.Log(1 + total) / Math.Log(1 + VolumeSaturation));
        var reciprocity = Math.Min(sent, received) / (double)Math.Max(sent, received);
        var recency = Math.Clamp(1 - (daysSinceLast / recentTextDays), 0, 1);
        var breadth = Math.Min(1, Math.Log(1 + conversations) / Math.Log(1 + BreadthSaturation));
        var score = 100 * ((VolumeWeight * volume) + (ReciprocityWeight * reciprocity) + (RecencyWeight * recency) + (BreadthWeight * breadth));
        return Math.Round(score, 1, MidpointRounding.AwayFromZero);
    }
}
