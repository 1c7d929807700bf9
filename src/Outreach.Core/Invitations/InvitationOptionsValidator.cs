using Microsoft.Extensions.Options;

namespace Outreach.Core.Invitations;

/// <summary>The cross-field rules of <see cref="InvitationOptions"/> DataAnnotations cannot express; runs at start-up with ValidateOnStart.</summary>
public sealed class InvitationOptionsValidator : IValidateOptions<InvitationOptions>
{
    public ValidateOptionsResult Validate(string? name, InvitationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        // Auto mode sends a mailbox's picks as one request, which the service refuses beyond MaxContactsPerRequest:
        // every weekly auto run would fail instead of inviting anyone. With auto mode off the cap is unused.
        if (options.AutoMode && options.AutoModeMaxPerMailbox > options.MaxContactsPerRequest)
        {
            return ValidateOptionsResult.Fail(
                $"{Setting(nameof(options.AutoModeMaxPerMailbox))} ({options.AutoModeMaxPerMailbox}) must not exceed "
                + $"{Setting(nameof(options.MaxContactsPerRequest))} ({options.MaxContactsPerRequest}): auto mode sends a mailbox's contacts as one request.");
        }

        return ValidateOptionsResult.Success;
    }

    /// <summary>The app setting's name as configured: Outreach__Invitations__Name.</summary>
    private static string Setting(string property) => $"{InvitationOptions.SectionName.Replace(":", "__", StringComparison.Ordinal)}__{property}";
}
