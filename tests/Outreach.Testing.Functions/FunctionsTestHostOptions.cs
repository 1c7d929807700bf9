using Microsoft.Extensions.DependencyInjection;

namespace Outreach.Testing.Functions;

/// <summary>What a test changes about the <see cref="FunctionsTestHost"/>; the defaults are the app as deployed.</summary>
public sealed record FunctionsTestHostOptions
{
    /// <summary>Configuration on top of the host's own (storage, Graph, no retry delay, checkpoint every page).</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    /// <summary>Lets a test swap a service (a decorator that fails on purpose) before the provider is built.</summary>
    public Action<IServiceCollection>? Services { get; init; }

    /// <summary>
    /// Serve HTTP on Kestrel (a free loopback port): the host's <see cref="FunctionsTestHost.BaseUrl"/>, which
    /// is also the digest's public base URL unless <see cref="Settings"/> names one. Routes are mapped by <see cref="Routes"/>.
    /// </summary>
    public bool ServeHttp { get; init; }

    /// <summary>Maps the routes the function classes declare (only with <see cref="ServeHttp"/>).</summary>
    public Action<Microsoft.AspNetCore.Builder.WebApplication>? Routes { get; init; }
}
