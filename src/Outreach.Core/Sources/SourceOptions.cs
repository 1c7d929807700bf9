namespace Outreach.Core.Sources;

/// <summary>
/// What a deployment reads (issue 13): <c>Outreach__Sources</c>, e.g. <c>mail,calendar,teamsCalls</c>. Bound from
/// the "Outreach" section's one value and validated at start-up (<see cref="SourceOptionsValidator"/>).
/// </summary>
public sealed class SourceOptions
{
    public const string SectionName = "Outreach";

    /// <summary>The setting's name, for messages.</summary>
    public const string SettingName = "Outreach:Sources";

    /// <summary>Comma-separated <see cref="SourceNames"/>; the default reads mail and calendar, exactly as before Teams.</summary>
    public string Sources { get; set; } = SourceNames.Mail + "," + SourceNames.Calendar;

    /// <summary>The parsed sources (the validator has refused unknown names before anything reads this).</summary>
    public SourceKinds Kinds => SourceNames.TryParse(Sources, out var kinds, out _) ? kinds : SourceKinds.Default;
}
