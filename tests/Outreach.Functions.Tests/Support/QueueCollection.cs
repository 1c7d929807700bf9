namespace Outreach.Functions.Tests.Support;

/// <summary>
/// The pipeline's queue names are fixed (they are in the trigger attributes), so every test that starts a
/// <see cref="PipelineHarness"/> — which clears and pumps those queues — runs in this one collection,
/// one test at a time.
/// </summary>
[CollectionDefinition(Name)]
public sealed class QueueCollection
{
    public const string Name = "Pipeline queues on Azurite";
}
