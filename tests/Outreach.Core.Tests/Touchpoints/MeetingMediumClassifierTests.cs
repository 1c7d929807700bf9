using Outreach.Core.Sources;
using Outreach.Core.Touchpoints;
using Outreach.Core.Tests.Support;

namespace Outreach.Core.Tests.Touchpoints;

public sealed class MeetingMediumClassifierTests
{
    private static MeetingMedium Classify(
        bool online = false, string? provider = null, string? joinUrl = null, string? body = null, params EventLocation[] locations) =>
        MeetingMediumClassifier.Classify(
            Build.Meeting("x@contoso.com", -1, online: online, provider: provider, joinUrl: joinUrl, locations: locations) with { BodyText = body });

    private static EventLocation Place(string? name, bool address = false, string? uri = null, string type = "default") =>
        new(name, type, uri, address);

    [Fact]
    public void Online_meeting_flag_is_video() => Assert.Equal(MeetingMedium.Video, Classify(online: true));

    [Theory]
    [InlineData("teamsForBusiness")]
    [InlineData("skypeForBusiness")]
    [InlineData("skypeForConsumer")]
    public void Teams_and_Skype_providers_are_video(string provider) =>
        Assert.Equal(MeetingMedium.Video, Classify(provider: provider));

    [Fact]
    public void Join_url_is_video() =>
        Assert.Equal(MeetingMedium.Video, Classify(joinUrl: "https://teams.microsoft.com/l/meetup-join/19%3ameeting_x"));

    [Theory]
    [InlineData("https://contoso.zoom.us/j/92345678901?pwd=abc")]
    [InlineData("https://us02web.zoom.us/j/8123456789")]
    [InlineData("https://meet.google.com/abc-defg-hij")]
    [InlineData("https://fabrikam.webex.com/meet/dana")]
    [InlineData("https://fabrikam.webex.com/fabrikam/j.php?MTID=m123")]
    [InlineData("https://whereby.com/dana-room")]
    [InlineData("Microsoft Teams Meeting")]
    [InlineData("https://teams.live.com/meet/9312345")]
    [InlineData("https://meet.jit.si/OutreachSync")]
    public void Join_links_in_the_location_are_video(string location) =>
        Assert.Equal(MeetingMedium.Video, Classify(locations: Place(location)));

    [Fact]
    public void Join_link_in_location_uri_is_video() =>
        Assert.Equal(MeetingMedium.Video, Classify(locations: Place("Google Meet", uri: "https://meet.google.com/xyz-abcd-efg")));

    [Fact]
    public void Join_link_in_a_readable_body_is_video() =>
        Assert.Equal(MeetingMedium.Video, Classify(body: "Join Zoom Meeting https://zoom.us/j/123456789"));

    [Fact]
    public void Room_with_Teams_link_is_video_either_way() =>
        Assert.Equal(MeetingMedium.Video, Classify(online: true, locations: Place("Conf Room 3 (Building 4)", type: "conferenceRoom")));

    [Theory]
    [InlineData("Fourth Coffee, 1st Ave")]
    [InlineData("Their office")]
    public void Physical_location_without_link_is_in_person(string place) =>
        Assert.Equal(MeetingMedium.InPerson, Classify(locations: Place(place)));

    [Fact]
    public void Street_address_is_in_person() =>
        Assert.Equal(MeetingMedium.InPerson, Classify(locations: Place(null, address: true, type: "streetAddress")));

    [Theory]
    [InlineData("tel:+14255550100")]
    [InlineData("+44 20 7946 0958")]
    [InlineData("(425) 555-0100 ext. 12")]
    [InlineData("Phone: 020 7946 0958")]
    public void Only_a_phone_number_is_voice(string phone) =>
        Assert.Equal(MeetingMedium.Voice, Classify(locations: Place(phone)));

    [Fact]
    public void No_location_and_no_link_is_unknown() => Assert.Equal(MeetingMedium.Unknown, Classify());

    [Fact]
    public void A_plain_web_address_is_not_a_call() =>
        Assert.Equal(MeetingMedium.Unknown, Classify(locations: Place("https://contoso.com/agenda")));

    [Fact]
    public void A_phone_number_beside_a_place_is_in_person() =>
        Assert.Equal(MeetingMedium.InPerson, Classify(locations: [Place("tel:+14255550100"), Place("Fabrikam HQ, Reception")]));
}
