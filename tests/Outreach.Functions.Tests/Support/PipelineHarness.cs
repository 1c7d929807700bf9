using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Core.Pipeline;
using Outreach.Functions.Pipeline;
using Outreach.Testing.Functions;
using Outreach.Testing.Graph;

namespace Outreach.Functions.Tests.Support;

/// <summary>
/// The shared <see cref="FunctionsTestHost"/> (the app's real services against real Azurite and the loopback
/// Graph server) with a pump that plays the Functions host's part for queue triggers: receive, run the
/// function, delete on success, make visible again on failure, and move to "-poison" after maxDequeueCount deliveries.
/// </summary>
internal sealed class PipelineHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset AsOf = FunctionsTestHost.AsOf;

    private readonly FunctionsTestHost _host;

    private PipelineHarness(FunctionsTestHost host, QueueServiceClient queues)
    {
        _host = host;
        Queues = queues;
    }

    public GraphLoopbackServer Graph => _host.Graph;

    public IServiceProvider Services => _host.Services;

    public QueueServiceClient Queues { get; }

    public static string StorageConnection => FunctionsTestHost.StorageConnection;

    public static async Task<PipelineHarness> StartAsync(
        IEnumerable<string> mailboxes, Dictionary<string, string?>? extra = null, Action<IServiceCollection>? replace = null)
    {
        var settings = new Dictionary<string, string?> { ["Outreach:Graph:PageSize"] = "25" };
        var index = 0;
        foreach (var mailbox in mailboxes) settings[$"Outreach:Pipeline:Mailboxes:{index++}"] = mailbox;
        foreach (var (key, value) in extra ?? []) settings[key] = value;
        var host = await FunctionsTestHost.StartAsync(
            new FunctionsTestHostOptions { Settings = settings, Services = replace }, TestContext.Current.CancellationToken);

        var queues = new QueueServiceClient(StorageConnection, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        var harness = new PipelineHarness(host, queues);
        foreach (var name in AllQueues)
        {
            await queues.GetQueueClient(name).CreateIfNotExistsAsync(cancellationToken: TestContext.Current.CancellationToken);
            await queues.GetQueueClient(name).ClearMessagesAsync(TestContext.Current.CancellationToken);
        }

        return harness;
    }

    private static string[] AllQueues =>
        [QueueNames.Harvest, QueueNames.Evaluate, QueueNames.PoisonOf(QueueNames.Harvest), QueueNames.PoisonOf(QueueNames.Evaluate)];

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public QueueClient Queue(string name) => Queues.GetQueueClient(name);

    /// <summary>Loads the sample mailbox under another UPN (each test its own mailbox, so state never collides).</summary>
    public Task LoadSampleAsAsync(string mailbox) => _host.LoadSampleAsAsync(mailbox, TestContext.Current.CancellationToken);

    public Task RunWeeklyAsync() => Get<WeeklyScanFunction>().RunAsync(new TimerInfo(), TestContext.Current.CancellationToken);

    /// <summary>
    /// Delivers queued messages to the functions until both queues are empty (or <paramref name="stopAfter"/>
    /// deliveries). A delivery that throws is made visible again at once, as a short visibility timeout would.
    /// </summary>
    public async Task<int> PumpAsync(CancellationToken cancellationToken = default, int stopAfter = 500)
    {
        var deliveries = 0;
        while (deliveries < stopAfter)
        {
            var delivered = 0;
            foreach (var queueName in new[] { QueueNames.Harvest, QueueNames.Evaluate })
            {
                var queue = Queue(queueName);
                QueueMessage[] batch = await queue.ReceiveMessagesAsync(16, TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
                foreach (var message in batch)
                {
                    delivered++;
                    deliveries++;
                    await DeliverAsync(queue, message, cancellationToken);
                }
            }

            if (delivered == 0) return deliveries;
        }

        return deliveries;
    }

    private async Task DeliverAsync(QueueClient queue, QueueMessage message, CancellationToken cancellationToken)
    {
        var text = message.Body.ToString();
        try
        {
            if (queue.Name == QueueNames.Harvest) await Get<HarvestFunction>().RunAsync(text, message.DequeueCount, cancellationToken);
            else await Get<EvaluateFunction>().RunAsync(text, message.DequeueCount, cancellationToken);
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, TestContext.Current.CancellationToken);
        }
        catch (Exception) when (message.DequeueCount >= QueueSettings.MaxDequeueCount)
        {
            await Queue(QueueNames.PoisonOf(queue.Name)).SendMessageAsync(text, TestContext.Current.CancellationToken);
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, TestContext.Current.CancellationToken);
        }
        catch (Exception)
        {
            await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.Zero, cancellationToken: TestContext.Current.CancellationToken);
        }
    }

    public async Task<List<string>> PeekAllAsync(string queueName)
    {
        PeekedMessage[] messages = await Queue(queueName).PeekMessagesAsync(32, TestContext.Current.CancellationToken);
        return [.. messages.Select(m => m.Body.ToString())];
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    /// <summary>Posts a JSON body to the invitations endpoint and returns status and body.</summary>
    public async Task<(int Status, System.Text.Json.JsonElement Body)> InviteAsync(string json, string? idempotencyKey = null)
    {
        var request = ActionResults.Request(json);
        if (idempotencyKey is not null) request.Headers["Idempotency-Key"] = idempotencyKey;
        var result = await Get<Outreach.Functions.Invitations.SendInvitationFunction>().RunAsync(request, TestContext.Current.CancellationToken);
        var (status, _, body, _) = await ActionResults.ExecuteAsync(result);
        return (status, System.Text.Json.JsonDocument.Parse(body).RootElement.Clone());
    }
}
