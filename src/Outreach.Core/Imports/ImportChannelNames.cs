using Outreach.Core.Touchpoints;

namespace Outreach.Core.Imports;

/// <summary>The stored names of <see cref="TextChannel"/>s in import stores: the JSON's wire names, fixed forever.</summary>
public static class ImportChannelNames
{
    public static string Of(TextChannel channel) => channel switch
    {
        TextChannel.Email => "email",
        TextChannel.TeamsChat => "teamsChat",
        TextChannel.LinkedIn => "linkedin",
        _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, "no stored name"),
    };

    public static bool TryParse(string? name, out TextChannel channel)
    {
        foreach (var candidate in Enum.GetValues<TextChannel>())
        {
            if (string.Equals(Of(candidate), name, StringComparison.Ordinal))
            {
                channel = candidate;
                return true;
            }
        }

        channel = default;
        return false;
    }
}
