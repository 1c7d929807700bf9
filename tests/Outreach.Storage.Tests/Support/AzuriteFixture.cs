using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;

namespace Outreach.Storage.Tests.Support;

/// <summary>
/// The storage the tests run against: <c>OUTREACH_TEST_STORAGE</c> (a connection string), by default
/// <c>UseDevelopmentStorage=true</c>, i.e. Azurite on its usual ports, which ./test.sh starts. Clients are
/// built by the product's own factory. Each fixture (one per test class) names its tables and queues with a
/// prefix of its own, so classes run in parallel without meeting, and removes them when done.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    public const string EnvironmentVariable = "OUTREACH_TEST_STORAGE";

    public AzuriteFixture()
    {
        var connection = Environment.GetEnvironmentVariable(EnvironmentVariable);
        Options = new StorageOptions { ConnectionString = string.IsNullOrWhiteSpace(connection) ? "UseDevelopmentStorage=true" : connection };
        try
        {
            Tables = StorageClientFactory.CreateTableServiceClient(Options);
            Queues = StorageClientFactory.CreateQueueServiceClient(Options);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
        {
            throw new InvalidOperationException(
                $"{EnvironmentVariable} is not a storage connection string ({e.Message}). Unset it to use Azurite " +
                "on its usual ports, which ./test.sh starts, or set it to the connection string of the storage to test against.", e);
        }
    }

    public StorageOptions Options { get; }

    public TableServiceClient Tables { get; }

    public QueueServiceClient Queues { get; }

    /// <summary>Letters and digits, lower case: valid at the start of table and queue names alike.</summary>
    public string Prefix { get; } = "t" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>A table name of this fixture's own, e.g. "t0123456789OutreachState".</summary>
    public string Table(string name) => Prefix + name;

    /// <summary>A queue name of this fixture's own, e.g. "t0123456789-outreach-harvest".</summary>
    public string Queue(string name) => $"{Prefix}-{name}";

    public async ValueTask InitializeAsync()
    {
        // Fail fast, with the fix in the message, instead of every test timing out through the SDK's retries.
        var quick = new TableClientOptions();
        quick.Retry.MaxRetries = 0;
        quick.Retry.NetworkTimeout = TimeSpan.FromSeconds(5);
        var queueQuick = new QueueClientOptions();
        queueQuick.Retry.MaxRetries = 0;
        queueQuick.Retry.NetworkTimeout = TimeSpan.FromSeconds(5);
        try
        {
            await new TableServiceClient(Options.ConnectionString, quick)
                .QueryAsync(maxPerPage: 1, cancellationToken: TestContext.Current.CancellationToken)
                .AsPages().GetAsyncEnumerator(TestContext.Current.CancellationToken).MoveNextAsync();
            await new QueueServiceClient(Options.ConnectionString, queueQuick).GetPropertiesAsync(TestContext.Current.CancellationToken);
        }
        catch (Exception e) when (e is RequestFailedException or HttpRequestException or TaskCanceledException or AggregateException)
        {
            throw new InvalidOperationException(
                $"Azure Storage is not reachable at {Tables.Uri} (tables) and {Queues.Uri} (queues), taken from " +
                $"{EnvironmentVariable} or, when unset, UseDevelopmentStorage=true: {e.Message.Split('\n')[0].TrimEnd('.')}. " +
                $"Run ./test.sh, which installs and starts Azurite (the storage emulator) for the tests, or start Azurite " +
                $"yourself and set {EnvironmentVariable} to its connection string.", e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await foreach (var table in Tables.QueryAsync(filter: $"TableName ge '{Prefix}' and TableName lt '{Prefix}~'"))
            {
                await Tables.DeleteTableAsync(table.Name);
            }

            await foreach (var queue in Queues.GetQueuesAsync(prefix: Prefix))
            {
                await Queues.DeleteQueueAsync(queue.Name);
            }
        }
        catch (RequestFailedException)
        {
            // Clean-up only: Azurite runs in memory and goes away with the test run.
        }
    }
}
