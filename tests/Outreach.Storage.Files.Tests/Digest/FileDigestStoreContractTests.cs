using Outreach.Core.Digest;
using Outreach.Storage.Files.Digest;
using Outreach.Tests.Contracts;

namespace Outreach.Storage.Files.Tests.Digest;

/// <summary>The file store against the shared digest contract (tests/Contracts).</summary>
public sealed class FileDigestStoreContractTests : DigestStoreContract, IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "outreach-digests-" + Guid.NewGuid().ToString("N"));

    protected override IDigestStore CreateStore() => new FileDigestStore(_directory);

    public void Dispose()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }
}
