using ScottPlot;

namespace Outreach.Benchmarks;

/// <summary>
/// bench/results/scan-cost.png: Graph requests (left) and the client's peak working set (right) against mailbox
/// size, our scan and the naive baseline, both axes of the request panel logarithmic.
/// </summary>
internal static class Chart
{
    public static void Write(IReadOnlyList<ScenarioRun> runs, string path)
    {
        var multiplot = new Multiplot();
        multiplot.AddPlots(2);
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Columns();
        var requests = multiplot.GetPlot(0);
        var memory = multiplot.GetPlot(1);

        Series(requests, runs, "our-full", "our scan", Colors.C0, r => r.Requests, log: true);
        Series(requests, runs, "naive", "naive SDK baseline", Colors.C1, r => r.Requests, log: true);
        Series(requests, runs, "our-rerun", "our weekly rerun", Colors.C2, r => r.Requests, log: true);
        var minimum = runs.Where(r => r.Scenario == "our-full").OrderBy(r => r.Messages).ToList();
        if (minimum.Count > 0)
        {
            var line = requests.Add.Scatter(minimum.Select(r => Math.Log10(r.Messages)).ToArray(), minimum.Select(r => Math.Log10(r.Minimum)).ToArray());
            line.LegendText = "physical minimum (items/1000 per feed)";
            line.Color = Colors.Gray;
            line.LinePattern = LinePattern.Dashed;
            line.MarkerSize = 0;
        }

        requests.Title("Graph requests per full scan");
        requests.XLabel("messages in the mailbox");
        requests.YLabel("requests");
        requests.Axes.Bottom.TickGenerator = LogTicks();
        requests.Axes.Left.TickGenerator = LogTicks();
        requests.ShowLegend(Alignment.UpperRight);
        // Headroom above the highest point (log10 units) so the legend covers no data.
        requests.Axes.SetLimitsY(0.2, Math.Log10(Math.Max(10, runs.Count == 0 ? 10 : runs.Max(r => r.Requests))) + 1.2);

        Series(memory, runs, "our-full", "our scan", Colors.C0, r => r.PeakWorkingSetBytes / (1024.0 * 1024), log: false);
        Series(memory, runs, "naive", "naive SDK baseline", Colors.C1, r => r.PeakWorkingSetBytes / (1024.0 * 1024), log: false);
        Series(memory, runs, "paging-only", "paging only", Colors.C3, r => r.PeakWorkingSetBytes / (1024.0 * 1024), log: false);
        memory.Title("Peak working set of the client");
        memory.XLabel("messages in the mailbox");
        memory.YLabel("MB");
        memory.Axes.Bottom.TickGenerator = LogTicks();
        memory.Axes.Left.Min = 0;
        memory.Axes.SetLimitsY(0, runs.Count == 0 ? 1 : runs.Max(r => r.PeakWorkingSetBytes) / (1024.0 * 1024) * 1.15);
        memory.ShowLegend(Alignment.UpperLeft);

        multiplot.SavePng(path, 1400, 560);
    }

    private static void Series(Plot plot, IReadOnlyList<ScenarioRun> runs, string scenario, string label, Color color, Func<ScenarioRun, double> value, bool log)
    {
        var points = runs.Where(r => r.Scenario == scenario).OrderBy(r => r.Messages).ToList();
        if (points.Count == 0) return;
        var xs = points.Select(r => Math.Log10(r.Messages)).ToArray();
        var ys = points.Select(r => log ? Math.Log10(Math.Max(1, value(r))) : value(r)).ToArray();
        var scatter = plot.Add.Scatter(xs, ys);
        scatter.LegendText = label;
        scatter.Color = color;
        scatter.LineWidth = 2;
        scatter.MarkerSize = 8;
    }

    /// <summary>Ticks at powers of ten of log10 data, labelled with the plain number.</summary>
    private static ScottPlot.TickGenerators.NumericAutomatic LogTicks() => new()
    {
        MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
        IntegerTicksOnly = true,
        LabelFormatter = v => Math.Pow(10, v).ToString("N0", System.Globalization.CultureInfo.InvariantCulture),
    };
}
