using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Outreach.Core.Sources;

/// <summary>
/// Refuses, at start-up and naming the setting, an unknown source or none at all, and a Teams source in a host
/// that registered no <see cref="ITeamsReader"/> (the Graph adapter registers one; Core registers none), so a
/// deployment cannot believe it reads Teams while it silently does not.
/// </summary>
public sealed class SourceOptionsValidator(IServiceProvider services) : IValidateOptions<SourceOptions>
{
    public ValidateOptionsResult Validate(string? name, SourceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!SourceNames.TryParse(options.Sources, out var kinds, out var unknown))
        {
            return ValidateOptionsResult.Fail(
                $"{SourceOptions.SettingName}: '{unknown}' is not a source; use any of {string.Join(", ", SourceNames.All)}.");
        }

        if (kinds == SourceKinds.None)
        {
            return ValidateOptionsResult.Fail($"{SourceOptions.SettingName}: name at least one source ({string.Join(", ", SourceNames.All)}).");
        }

        if ((kinds & (SourceKinds.TeamsCalls | SourceKinds.TeamsChats)) != 0
            && services.GetService<IServiceProviderIsService>() is { } known && !known.IsService(typeof(ITeamsReader)))
        {
            return ValidateOptionsResult.Fail(
                $"{SourceOptions.SettingName}: {SourceNames.Format(kinds & (SourceKinds.TeamsCalls | SourceKinds.TeamsChats))} needs a Teams reader, and this host registers none.");
        }

        return ValidateOptionsResult.Success;
    }
}
