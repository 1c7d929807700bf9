namespace Outreach.Core.Touchpoints;

public enum TextDirection
{
    /// <summary>The owner wrote to the contact.</summary>
    Sent,
    /// <summary>The contact wrote to the owner.</summary>
    Received,
}
