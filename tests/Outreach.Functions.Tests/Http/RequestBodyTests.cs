using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Outreach.Functions.Http;

namespace Outreach.Functions.Tests.Http;

/// <summary>Reading a body into its request DTO: what cannot be read is told apart from what is not an object.</summary>
public sealed class RequestBodyTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static HttpRequest Request(byte[] body)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.Body = new MemoryStream(body);
        context.Request.ContentLength = body.Length;
        return context.Request;
    }

    private static Task<(StartScanBody? Body, string? Error)> ReadAsync(string json) =>
        RequestBody.ReadAsync(Request(Encoding.UTF8.GetBytes(json)), RequestJsonContext.Default.StartScanBody, Cancel);

    [Theory]
    [InlineData("{not json")]
    [InlineData("{\"mailbox\":\"a@b.com\"} trailing")]
    [InlineData("   ")]
    [InlineData("{\"mailbox\":\"a@b.com\",}")]
    public async Task Text_that_is_not_JSON_is_named_with_the_parser_s_own_words(string json)
    {
        var expected = Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(json)).Message;

        var (body, error) = await ReadAsync(json);

        Assert.Null(body);
        Assert.Equal("the body is not valid JSON: " + expected, error);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("\"a@b.com\"")]
    [InlineData("42")]
    public async Task JSON_that_is_not_an_object_is_neither_a_body_nor_an_error(string json)
    {
        var (body, error) = await ReadAsync(json);

        Assert.Null(body);
        Assert.Null(error);
    }

    [Fact]
    public async Task A_string_that_is_not_UTF_8_is_refused_as_such()
    {
        byte[] json = [.. "{\"mailbox\":\""u8, 0xC3, 0x28, .. "\"}"u8];

        var (body, error) = await RequestBody.ReadAsync(Request(json), RequestJsonContext.Default.StartScanBody, Cancel);

        Assert.Null(body);
        Assert.Equal("the body is not UTF-8 text", error);
    }

    [Fact]
    public async Task Fields_are_told_apart_as_absent_null_of_the_right_type_or_of_another()
    {
        var (body, error) = await RequestBody.ReadAsync(
            Request("""{"mailbox":null,"mailboxes":["a@b.com",7,{"x":[1]},null,"c@d.com"],"unknown":{"deep":[1,2]}}"""u8.ToArray()),
            RequestJsonContext.Default.StartScanBody, Cancel);

        Assert.Null(error);
        Assert.Equal(JsonFieldState.Null, body!.Mailbox.State);
        Assert.Equal(["a@b.com", null, null, null, "c@d.com"], body.Mailboxes.OrDefault!);

        var (other, _) = await ReadAsync("""{"mailboxes":{"a":"b"}}""");
        Assert.Equal(JsonFieldState.Absent, other!.Mailbox.State);
        Assert.Equal(JsonFieldState.OtherType, other.Mailboxes.State);
    }

    [Theory]
    [InlineData("30", nameof(JsonFieldState.Value))]
    [InlineData("30.5", nameof(JsonFieldState.OtherType))]
    [InlineData("1e10", nameof(JsonFieldState.OtherType))]
    [InlineData("\"30\"", nameof(JsonFieldState.OtherType))]
    [InlineData("null", nameof(JsonFieldState.Null))]
    public async Task A_whole_number_field_takes_only_a_whole_number_in_range(string value, string state)
    {
        var expected = Enum.Parse<JsonFieldState>(state);
        var (body, error) = await RequestBody.ReadAsync(
            Request(Encoding.UTF8.GetBytes($$"""{"durationMinutes":{{value}}}""")), RequestJsonContext.Default.SendInvitationBody, Cancel);

        Assert.Null(error);
        Assert.Equal(expected, body!.DurationMinutes.State);
        if (expected == JsonFieldState.Value) Assert.Equal(30, body.DurationMinutes.Value);
    }
}
