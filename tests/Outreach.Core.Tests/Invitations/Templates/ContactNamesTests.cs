using Outreach.Core.Invitations.Templates;

namespace Outreach.Core.Tests.Invitations.Templates;

public sealed class ContactNamesTests
{
    [Theory]
    [InlineData("Priya Raman", "Priya")]
    [InlineData("Raman, Priya", "Priya")]
    [InlineData("Priya Raman, PhD", "Priya")]
    [InlineData("Dr. Priya Raman", "Priya")]
    [InlineData("Priya Raman (Fabrikam)", "Priya")]
    [InlineData("'Priya Raman'", "Priya")]
    [InlineData("PRIYA RAMAN", "Priya")]
    [InlineData("jean-luc picard", "Jean-Luc")]
    [InlineData("Zoë Ødegaard", "Zoë")]
    [InlineData("Siobhán O'Brien", "Siobhán")]
    [InlineData("McKenzie Fox", "McKenzie")]
    public void The_first_name_comes_from_the_display_name(string displayName, string firstName)
    {
        Assert.Equal(firstName, ContactNames.FirstName(displayName));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("priya.raman@fabrikam.com")]
    [InlineData("'priya.raman@fabrikam.com'")]
    [InlineData("J. Smith")]
    [InlineData("Fabrikam Support Team")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("R2D2 Unit")]
    public void There_is_no_first_name_to_greet_by(string? displayName)
    {
        Assert.Null(ContactNames.FirstName(displayName));
    }
}
