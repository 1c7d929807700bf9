using Outreach.Graph.Sample;

namespace Outreach.Cli.Scan;

/// <summary>The sample mailbox shipped inside the CLI, so `outreach scan --sample` needs nothing else.</summary>
internal static class EmbeddedSample
{
    public const string ResourceName = "Outreach.Cli.Sample.sample-mailbox.json";

    public static SampleMailbox Load()
    {
        using var stream = typeof(EmbeddedSample).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The sample mailbox resource '{ResourceName}' is missing from the build.");
        return SampleMailbox.Load(stream);
    }
}
