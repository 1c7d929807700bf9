using System.ComponentModel.DataAnnotations;

namespace Outreach.Core.Invitations.Slots;

/// <summary>How free slots are proposed. Section "Outreach:Invitations:Slots", validated at start-up.</summary>
public sealed class SlotOptions
{
    public const string SectionName = "Outreach:Invitations:Slots";

    /// <summary>No slot starts sooner than this after now.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)]
    public TimeSpan LeadTime { get; set; } = TimeSpan.FromHours(2);

    /// <summary>How many of the owner's working days (today included when it is one) are searched.</summary>
    [Range(1, 30)]
    public int HorizonDays { get; set; } = 10;

    /// <summary>Slots start on this grid of the owner's local clock (30: at :00 and :30).</summary>
    [Range(5, 60)]
    public int GranularityMinutes { get; set; } = 30;

    /// <summary>Free time kept before and after every busy block, and between the slots proposed.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)]
    public TimeSpan Buffer { get; set; } = TimeSpan.Zero;
}
