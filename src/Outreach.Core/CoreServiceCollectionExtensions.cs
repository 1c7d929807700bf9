using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Outreach.Core.Invitations.Templates;
using Outreach.Core.Pipeline;
using Outreach.Core.Policy;
using Outreach.Core.Scanning;

namespace Outreach.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>
    /// The policy and the scanner. Options come from configuration and are validated at start-up, so a
    /// bad setting stops the host with a message instead of surfacing in the middle of a scan.
    /// A host adds an <see cref="Sources.IMailboxReader"/> and an <see cref="State.IMailboxStateStore"/>, and an
    /// <see cref="Sources.ITeamsReader"/> if it reads Teams (<c>Outreach:Sources</c>; none is registered here).
    /// </summary>
    public static IServiceCollection AddOutreachCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WarmthPolicyOptions>()
            .Bind(configuration.GetSection(WarmthPolicyOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WarmthPolicyOptions>, WarmthPolicyOptionsValidator>());
        services.AddOptions<ScanOptions>()
            .Bind(configuration.GetSection(ScanOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<Sources.SourceOptions>()
            .Bind(configuration.GetSection(Sources.SourceOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<Sources.SourceOptions>, Sources.SourceOptionsValidator>());
        // No imports unless the host keeps some (issue 13): a host's own store, registered after this, wins.
        services.TryAddSingleton<Imports.IImportStore, Imports.NoImports>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddTransient<MailboxScanner>();
        return services;
    }

    /// <summary>
    /// Imports (LinkedIn exports): limits validated at start-up and the importer. A host adds an
    /// <see cref="Imports.IImportStore"/>.
    /// </summary>
    public static IServiceCollection AddOutreachImports(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<Imports.ImportOptions>()
            .Bind(configuration.GetSection(Imports.ImportOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddTransient<Imports.LinkedInImporter>();
        return services;
    }

    /// <summary>
    /// Invitations: options, templates, slots and the service. A host adds an <see cref="Invitations.ICalendarWriter"/>,
    /// an <see cref="Invitations.IInvitationLedger"/> and an <see cref="Invitations.ISuppressionList"/>.
    /// </summary>
    public static IServiceCollection AddOutreachInvitations(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<Invitations.InvitationOptions>()
            .Bind(configuration.GetSection(Invitations.InvitationOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(
                o => !o.AutoMode || o.AutoModeMode != Invitations.InvitationMode.InPerson || !string.IsNullOrWhiteSpace(o.DefaultLocation),
                "Outreach:Invitations:AutoModeMode=InPerson needs Outreach:Invitations:DefaultLocation.")
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<Invitations.InvitationOptions>, Invitations.InvitationOptionsValidator>());
        services.AddOutreachInvitationTemplates(configuration);
        services.TryAddTransient<ContactEligibility>();
        services.TryAddTransient<Invitations.InvitationService>();
        services.TryAddTransient<Invitations.ScanInvitations>();
        return services;
    }

    /// <summary>
    /// The weekly digest and its review page: options (the signing key checked at start-up), links, the
    /// renderer and the services. A host adds an <see cref="Digest.IDigestStore"/> and an <see cref="Digest.IDigestMailer"/>.
    /// </summary>
    public static IServiceCollection AddOutreachDigest(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<Digest.DigestOptions>()
            .Bind(configuration.GetSection(Digest.DigestOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<Digest.DigestOptions>, Digest.DigestOptionsValidator>());
        services.TryAddSingleton<Digest.ReviewLinks>();
        services.TryAddSingleton<Digest.DigestRenderer>();
        services.TryAddTransient<ContactEligibility>();
        services.TryAddTransient<Digest.WeeklyDigest>();
        services.TryAddTransient<Digest.DigestReview>();
        return services;
    }

    /// <summary>
    /// The queue-driven pipeline (Functions app): which mailboxes (enrollment: the list and/or the group; with
    /// neither, every mailbox is refused), and the stages' service.
    /// </summary>
    public static IServiceCollection AddOutreachPipeline(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PipelineOptions>()
            .Bind(configuration.GetSection(PipelineOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => o.Mailboxes.All(Contacts.EmailAddresses.IsValid), $"{PipelineOptions.SectionName}:Mailboxes must hold user principal names such as avery@contoso.com.")
            .ValidateOnStart();
        services.TryAddTransient<ScanPipeline>();
        services.TryAddTransient<MailboxEraser>();

        // Enrollment (singleton: it caches the group's members). A host adds an Enrollment.IEnrollmentOptOutStore.
        services.TryAddSingleton<Enrollment.IMailboxEnrollment, Enrollment.MailboxEnrollment>();
        services.TryAddTransient<Enrollment.MailboxOptOut>();
        return services;
    }
}
