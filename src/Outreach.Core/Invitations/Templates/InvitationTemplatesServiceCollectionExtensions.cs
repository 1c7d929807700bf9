using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Outreach.Core.Invitations.Slots;

namespace Outreach.Core.Invitations.Templates;

public static class InvitationTemplatesServiceCollectionExtensions
{
    /// <summary>
    /// Invitation templates (the catalog and the renderer) and slot options, from configuration and
    /// validated at start-up: a custom template that does not parse stops the host naming it.
    /// </summary>
    public static IServiceCollection AddOutreachInvitationTemplates(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<InvitationTemplateOptions>()
            .Configure(options => configuration.GetSection(InvitationTemplateOptions.SectionName).Bind(options.Templates))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<InvitationTemplateOptions>, InvitationTemplateOptionsValidator>());
        services.AddOptions<SlotOptions>()
            .Bind(configuration.GetSection(SlotOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton<ITemplateCatalog, TemplateCatalog>();
        services.TryAddSingleton<InvitationTemplateRenderer>();
        return services;
    }
}
