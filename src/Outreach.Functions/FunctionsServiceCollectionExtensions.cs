using Microsoft.Extensions.DependencyInjection;

namespace Outreach.Functions;

public static class FunctionsServiceCollectionExtensions
{
    /// <summary>What the function classes need beyond the core, Graph and storage services.</summary>
    public static IServiceCollection AddOutreachFunctions(this IServiceCollection services)
    {
        services.AddProblemDetails();
        return services;
    }
}
