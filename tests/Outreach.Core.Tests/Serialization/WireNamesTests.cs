using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Outreach.Core.Digest;
using Outreach.Core.Enrollment;
using Outreach.Core.Invitations;
using Outreach.Core.Invitations.Templates;
using Outreach.Core.Pipeline;
using Outreach.Core.Policy;
using Outreach.Core.Serialization;
using Outreach.Core.Touchpoints;

namespace Outreach.Core.Tests.Serialization;

/// <summary>One source for enum wire names: what <see cref="WireNames{TEnum}"/> says is what System.Text.Json writes.</summary>
public sealed class WireNamesTests
{
    public static TheoryData<Type> WireNamedEnums =>
    [
        typeof(ContactStatus), typeof(InvitationMode), typeof(InvitationStatus), typeof(InvitationOutcome),
        typeof(InvitationReasonCode), typeof(ScanState), typeof(DigestState), typeof(EnrollmentStatus), typeof(TextChannel),
    ];

    [Theory]
    [MemberData(nameof(WireNamedEnums))]
    public void EveryMemberRoundTripsAndIsNamedAsJsonWritesIt(Type enumType)
    {
        var check = typeof(WireNamesTests).GetMethod(nameof(RoundTrips), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(enumType);
        var checkedMembers = (int)check.Invoke(null, null)!;
        Assert.Equal(Enum.GetValues(enumType).Length, checkedMembers);
    }

    [Fact]
    public void EveryEnumOfCoreWithWireNamesIsCheckedAbove()
    {
        // A new wire-named enum joins the round-trip theory, or this fails.
        var named = typeof(ContactStatus).Assembly.GetTypes()
            .Where(t => t.IsEnum && t.GetFields(BindingFlags.Public | BindingFlags.Static).Any(f => f.IsDefined(typeof(JsonStringEnumMemberNameAttribute))))
            .ToHashSet();
        var checkedTypes = WireNamedEnums.Select(row => row.Data).ToHashSet();

        Assert.Subset(checkedTypes, named);
        Assert.Contains(typeof(ContactStatus), named);
    }

    [Fact]
    public void ParsingIsOrdinalUnlessCaseIsToBeIgnored()
    {
        Assert.True(WireNames<ContactStatus>.TryParse("below-threshold", out var exact));
        Assert.Equal(ContactStatus.BelowThreshold, exact);
        Assert.False(WireNames<ContactStatus>.TryParse("Below-Threshold", out _));
        Assert.True(WireNames<ContactStatus>.TryParse("Below-Threshold", ignoreCase: true, out var typed));
        Assert.Equal(ContactStatus.BelowThreshold, typed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("BelowThreshold")]
    [InlineData("below_threshold")]
    public void NamesThatAreNotWireNamesDoNotParse(string? name) =>
        Assert.False(WireNames<ContactStatus>.TryParse(name, ignoreCase: true, out _));

    [Fact]
    public void AValueThatIsNoDeclaredMemberHasNoName() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => WireNames<ScanState>.Of((ScanState)42));

    [Fact]
    public void AMemberWithoutTheAttributeIsNamedByItsCSharpNameAsJsonDoes()
    {
        Assert.Equal("first-one", WireNames<Partly>.Of(Partly.First));
        Assert.Equal("Second", WireNames<Partly>.Of(Partly.Second));
        var options = new JsonSerializerOptions { Converters = { new JsonStringEnumConverter<Partly>() } };
        foreach (var value in WireNames<Partly>.Values) Assert.Equal(JsonSerializer.Serialize(value, options), $"\"{WireNames<Partly>.Of(value)}\"");
    }

    [Theory]
    [InlineData("video", InvitationMode.Video)]
    [InlineData(" VIDEO ", InvitationMode.Video)]
    [InlineData("in-person", InvitationMode.InPerson)]
    [InlineData("InPerson", InvitationMode.InPerson)]
    [InlineData("in_person", InvitationMode.InPerson)]
    public void InvitationModesStillAcceptTheSpellingsPeopleType(string typed, InvitationMode expected)
    {
        Assert.True(InvitationModes.TryParse(typed, out var mode));
        Assert.Equal(expected, mode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("phone")]
    public void InvitationModesRefuseWhatIsNoMode(string? typed) => Assert.False(InvitationModes.TryParse(typed, out _));

    [Fact]
    public void TheHandWrittenNamesOfOldAreTheWireNames()
    {
        // The tables these names were once hand-written in, as stored rows and the CLI's JSON still carry them.
        Assert.Equal("below-threshold", ContactStatus.BelowThreshold.ToWireName());
        Assert.Equal("in-person", InvitationModes.Name(InvitationMode.InPerson));
        Assert.Equal("no-response", WireNames<InvitationStatus>.Of(InvitationStatus.NoResponse));
        Assert.Equal("completed", WireNames<ScanState>.Of(ScanState.Completed));
        Assert.Equal("no-enrollment-configured", WireNames<EnrollmentStatus>.Of(EnrollmentStatus.NoEnrollmentConfigured));
        Assert.Equal("teamsChat", WireNames<TextChannel>.Of(TextChannel.TeamsChat));
    }

    private static int RoundTrips<TEnum>()
        where TEnum : struct, Enum
    {
        var members = 0;
        foreach (var value in Enum.GetValues<TEnum>())
        {
            var name = WireNames<TEnum>.Of(value);
            Assert.Equal(JsonSerializer.Serialize(value), $"\"{name}\"");
            Assert.Equal(value, JsonSerializer.Deserialize<TEnum>($"\"{name}\""));
            Assert.True(WireNames<TEnum>.TryParse(name, out var parsed));
            Assert.Equal(value, parsed);
            members++;
        }

        Assert.Equal(Enum.GetValues<TEnum>(), WireNames<TEnum>.Values);
        return members;
    }

    private enum Partly
    {
        [JsonStringEnumMemberName("first-one")] First,
        Second,
    }
}
