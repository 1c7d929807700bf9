namespace Outreach.Core; internal static class Placeholder;
