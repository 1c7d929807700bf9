namespace Outreach.Graph; internal static class Placeholder;
