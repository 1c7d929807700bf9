using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Outreach.Core;
using Outreach.Core.Pipeline;
using Outreach.Functions.Http;
using Outreach.Functions.Pipeline;
using Outreach.Graph;
using Outreach.Storage;
using Outreach.Testing.Graph;

namespace Outreach.Functions.Tests.Support;

/// <summary>
/// The Functions app's real services against real Azurite and the loopback Graph server, with a pump that
/// plays the Functions host's part for queue triggers: receive, run the function, delete on success,
/// make visible again on failure, and move to "-poison" after maxDequeueCount deliveries.
/// </summary>
internal sealed class PipelineHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset AsOf = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private PipelineHarness(GraphLoopbackServer graph, ServiceProvider services, QueueServiceClient queues)
    {
        Graph = graph;
        Services = services;
        Queues = queues;
    }

    public GraphLoopbackServer Graph { get; }

    public ServiceProvider Services { get; }

    public QueueServiceClient Queues { get; }

    public static string StorageConnection =>
        Environment.GetEnvironmentVariable("OUTREACH_TEST_STORAGE") is { Length: > 0 } configured ? configured : "UseDevelopmentStorage=true";

    public static async Task<PipelineHarness> StartAsync(
        IEnumerable<string> mailboxes, Dictionary<string, string?>? extra = null, Action<IServiceCollection>? replace = null)
    {
        var graph = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        var settings = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = StorageConnection,
            ["Outreach:Graph:BaseUrl"] = graph.BaseUrl,
            ["Outreach:Graph:AccessToken"] = "loopback-token",
            ["Outreach:Graph:RetryDelaySeconds"] = "0",
            ["Outreach:Graph:PageSize"] = "25",
            ["Outreach:Scan:CheckpointInterval"] = "00:00:00",
        };
        var index = 0;
        foreach (var mailbox in mailboxes) settings[$"Outreach:Pipeline:Mailboxes:{index++}"] = mailbox;
        foreach (var (key, value) in extra ?? []) settings[key] = value;

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection()
            .AddLogging()
            .AddOutreachCore(configuration)
            .AddOutreachPipeline(configuration)
            .AddOutreachInvitations(configuration)
            .AddOutreachDigest(configuration)
            .AddOutreachImports(configuration)
            .AddOutreachGraph(configuration)
            .AddOutreachStorage(configuration)
            .AddOutreachFunctions()
            .AddSingleton<TimeProvider>(new FixedTimeProvider(AsOf))
            .AddTransient<WeeklyScanFunction>()
            .AddTransient<HarvestFunction>()
            .AddTransient<EvaluateFunction>()
            .AddTransient<StartScanFunction>()
            .Also(replace)
            .AddTransient<GetScanFunction>()
            .AddTransient<GetContactsFunction>()
            .AddTransient<EraseMailboxFunction>()
            .AddTransient<Outreach.Functions.Invitations.SendInvitationFunction>()
            .AddTransient<Outreach.Functions.Invitations.ListTemplatesFunction>()
            .AddTransient<Outreach.Functions.Invitations.AddSuppressionFunction>()
            .AddTransient<Outreach.Functions.Invitations.RemoveSuppressionFunction>()
            .AddTransient<Outreach.Functions.Digest.ReviewPageFunction>()
            .AddTransient<Outreach.Functions.Digest.ReviewSubmitFunction>()
            .AddTransient<Outreach.Functions.Digest.SubscribeDigestFunction>()
            .AddTransient<Outreach.Functions.Digest.UnsubscribeDigestFunction>()
            .AddTransient<GetEnrollmentFunction>()
            .AddTransient<EnrolMailboxFunction>()
            .AddTransient<ImportLinkedInFunction>()
            .BuildServiceProvider();
        services.GetRequiredService<IStartupValidator>().Validate();

        var queues = new QueueServiceClient(StorageConnection, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        var harness = new PipelineHarness(graph, services, queues);
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
    public async Task LoadSampleAsAsync(string mailbox)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Sample", "sample-mailbox.json");
        var sample = (JsonObject)JsonNode.Parse(await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken))!;
        sample["mailbox"]!["userPrincipalName"] = mailbox;
        Graph.LoadSample(sample, AsOf);
    }

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

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Graph.DisposeAsync();
    }

    /// <summary>Posts a JSON body to the invitations endpoint and returns status and body.</summary>
    public async Task<(int Status, System.Text.Json.JsonElement Body)> InviteAsync(string json, string? idempotencyKey = null)
    {
        var request = ActionResults.Request(json);
        if (idempotencyKey is not null) request.Headers["Idempotency-Key"] = idempotencyKey;
        var result = await Get<Outreach.Functions.Invitations.SendInvitationFunction>().RunAsync(request, TestContext.Current.CancellationToken);
        var (status, _, body, _) = await ActionResults.ExecuteAsync(result);
        return (status, System.Text.Json.JsonDocument.Parse(body).RootElement.Clone());
    }

    /// <summary>Pins "now" so the sample's dates and the scans' as-of agree.</summary>
    private sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}

internal static class ServiceCollectionTestExtensions
{
    /// <summary>Lets a test swap a service (a decorator that fails on purpose) before the provider is built.</summary>
    public static IServiceCollection Also(this IServiceCollection services, Action<IServiceCollection>? change)
    {
        change?.Invoke(services);
        return services;
    }
}
