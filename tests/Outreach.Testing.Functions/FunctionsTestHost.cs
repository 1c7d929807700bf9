using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Outreach.Core;
using Outreach.Functions;
using Outreach.Graph;
using Outreach.Storage;
using Outreach.Testing.Graph;

namespace Outreach.Testing.Functions;

/// <summary>
/// The Functions app's real services, registered as <c>src/Outreach.Functions/Program.cs</c> registers them,
/// against real Azure Storage (Azurite, or <c>OUTREACH_TEST_STORAGE</c>) and the loopback Graph server, with
/// "now" pinned to <see cref="AsOf"/> and every function class resolvable. Optionally served over HTTP on
/// Kestrel, so a browser can use the function classes as it would the deployed app. The one place tests wire
/// the app: the Functions tests' pipeline harness and the browser tests' review site both start one.
/// </summary>
/// <remarks>
/// Queue and table names are the app's fixed ones (queue names are constants in the trigger attributes), so
/// two test runs must not share one storage account while they run: each run starts its own Azurite.
/// </remarks>
public sealed class FunctionsTestHost : IAsyncDisposable
{
    public static readonly DateTimeOffset AsOf = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly WebApplication? _web;
    private readonly ServiceProvider? _provider;

    private FunctionsTestHost(GraphLoopbackServer graph, IServiceProvider services, WebApplication? web, ServiceProvider? provider, string? baseUrl)
    {
        Graph = graph;
        Services = services;
        _web = web;
        _provider = provider;
        BaseUrl = baseUrl;
    }

    public GraphLoopbackServer Graph { get; }

    public IServiceProvider Services { get; }

    /// <summary>Where the host serves HTTP (e.g. <c>http://127.0.0.1:5123</c>); null unless started with ServeHttp.</summary>
    public string? BaseUrl { get; }

    /// <summary><c>OUTREACH_TEST_STORAGE</c> when set, else Azurite's default ports.</summary>
    public static string StorageConnection =>
        Environment.GetEnvironmentVariable("OUTREACH_TEST_STORAGE") is { Length: > 0 } configured ? configured : "UseDevelopmentStorage=true";

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public static async Task<FunctionsTestHost> StartAsync(FunctionsTestHostOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new FunctionsTestHostOptions();
        var graph = await GraphLoopbackServer.StartAsync(cancellationToken);
        try
        {
            if (!options.ServeHttp)
            {
                var configuration = new ConfigurationBuilder().AddInMemoryCollection(Settings(graph, options, baseUrl: null)).Build();
                var provider = AddApp(new ServiceCollection().AddLogging(), configuration, options).BuildServiceProvider();
                provider.GetRequiredService<IStartupValidator>().Validate();
                return new FunctionsTestHost(graph, provider, null, provider, null);
            }

            var baseUrl = $"http://127.0.0.1:{FreePort()}";
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls(baseUrl);
            builder.Logging.ClearProviders();
            builder.Configuration.AddInMemoryCollection(Settings(graph, options, baseUrl));
            AddApp(builder.Services, builder.Configuration, options).AddMvcCore();
            var app = builder.Build();
            options.Routes?.Invoke(app);
            await app.StartAsync(cancellationToken); // runs the options' ValidateOnStart, as the Functions host does
            return new FunctionsTestHost(graph, app.Services, app, null, baseUrl);
        }
        catch
        {
            await graph.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Runs a function's <see cref="IActionResult"/> as the Functions host's ASP.NET Core integration does, for a
    /// route mapped in <see cref="FunctionsTestHostOptions.Routes"/>.
    /// </summary>
    public static async Task RunAsync(HttpContext context, Task<IActionResult> function)
    {
        var result = await function;
        await result.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));
    }

    /// <summary>
    /// Loads the bundled sample mailbox (the test project copies <c>Sample/sample-mailbox.json</c>) as
    /// <paramref name="owner"/>'s mailbox, its dates moved to <see cref="AsOf"/>; returns the sample as loaded,
    /// for its policy (do-not-contact, internal domains). Each test its own owner, so state never collides.
    /// </summary>
    public async Task<JsonObject> LoadSampleAsAsync(string owner, CancellationToken cancellationToken)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Sample", "sample-mailbox.json");
        var sample = (JsonObject)JsonNode.Parse(await File.ReadAllTextAsync(path, cancellationToken))!;
        sample["mailbox"]!["userPrincipalName"] = owner;
        Graph.LoadSample(sample, AsOf);
        return sample;
    }

    public async ValueTask DisposeAsync()
    {
        if (_web is not null)
        {
            await _web.StopAsync();
            await _web.DisposeAsync();
        }

        if (_provider is not null) await _provider.DisposeAsync();
        await Graph.DisposeAsync();
    }

    private static Dictionary<string, string?> Settings(GraphLoopbackServer graph, FunctionsTestHostOptions options, string? baseUrl)
    {
        var settings = new Dictionary<string, string?>
        {
            [StorageNames.ConnectionSetting] = StorageConnection,
            ["Outreach:Graph:BaseUrl"] = graph.BaseUrl,
            ["Outreach:Graph:AccessToken"] = "loopback-token",
            ["Outreach:Graph:RetryDelaySeconds"] = "0",
            ["Outreach:Scan:CheckpointInterval"] = "00:00:00",
        };
        if (baseUrl is not null) settings["Outreach:Digest:PublicBaseUrl"] = baseUrl;
        foreach (var (key, value) in options.Settings) settings[key] = value;
        return settings;
    }

    /// <summary>Program.cs's registrations, "now" pinned, every function class, then the test's own changes.</summary>
    private static IServiceCollection AddApp(IServiceCollection services, IConfiguration configuration, FunctionsTestHostOptions options)
    {
        services
            .AddOutreachCore(configuration)
            .AddOutreachPipeline(configuration)
            .AddOutreachInvitations(configuration)
            .AddOutreachDigest(configuration)
            .AddOutreachImports(configuration)
            .AddOutreachGraph(configuration)
            .AddOutreachStorage(configuration)
            .AddOutreachFunctions()
            .AddSingleton<TimeProvider>(new FixedTimeProvider(AsOf));
        foreach (var function in FunctionClasses) services.AddTransient(function);
        options.Services?.Invoke(services);
        return services;
    }

    /// <summary>Every class with a [Function] method, as the Functions host finds them (new ones included without a change here).</summary>
    private static IEnumerable<Type> FunctionClasses =>
        typeof(FunctionsServiceCollectionExtensions).Assembly.GetTypes().Where(type =>
            type is { IsClass: true, IsAbstract: false } &&
            type.GetMethods(BindingFlags.Public | BindingFlags.Instance).Any(m => m.GetCustomAttribute<FunctionAttribute>() is not null));

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
