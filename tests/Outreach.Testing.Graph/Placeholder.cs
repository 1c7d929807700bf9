namespace Outreach.Testing.Graph; internal static class Placeholder;
