using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NSubstitute;
using Outreach.Core.Pipeline;
using Outreach.Core.Policy;
using Outreach.Core.Scanning;
using Outreach.Core.Sources;
using Outreach.Core.State;

namespace Outreach.Functions.Tests.Support;

/// <summary>A ScanPipeline whose seams are substitutes, for tests of the HTTP layer alone.</summary>
internal sealed class PipelineDoubles
{
    public IScanRecordStore Scans { get; } = Substitute.For<IScanRecordStore>();
    public IContactResultStore Results { get; } = Substitute.For<IContactResultStore>();
    public IPipelineQueue Queue { get; } = Substitute.For<IPipelineQueue>();
    public PipelineOptions Options { get; } = new() { MaxMailboxesPerRequest = 3 };

    public PipelineDoubles() => Scans.TryCreateAsync(Arg.Any<ScanRecord>(), Arg.Any<CancellationToken>()).Returns(true);

    public ScanPipeline Pipeline => new(
        new MailboxScanner(Substitute.For<IMailboxReader>(), Substitute.For<IMailboxStateStore>(),
            Microsoft.Extensions.Options.Options.Create(new WarmthPolicyOptions()), Microsoft.Extensions.Options.Options.Create(new ScanOptions()),
            TimeProvider.System, NullLogger<MailboxScanner>.Instance),
        Scans, Results, Queue, Substitute.For<IMailboxDirectory>(), Microsoft.Extensions.Options.Options.Create(Options),
        TimeProvider.System, NullLogger<ScanPipeline>.Instance);
}
