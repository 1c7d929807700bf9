using System.Text;
using Outreach.Core.Imports;
using Outreach.Core.Imports.LinkedIn;
using Outreach.Core.Touchpoints;
using Outreach.Tests.Contracts;
using F = Outreach.Tests.Contracts.LinkedInExportFixture;

namespace Outreach.Core.Tests.Imports;

/// <summary>The export fixture's quirks (tests/Fixtures/LinkedInExport) and bad exports, read the way the import reads them.</summary>
public sealed class LinkedInExportReaderTests
{
    private static LinkedInExport ReadFolder() => Read(() => LinkedInExportFiles.Open(F.Folder, LinkedInExportLimits.Default));

    private static LinkedInExport ReadZip(byte[] zip, LinkedInExportLimits? limits = null) =>
        Read(() => LinkedInExportFiles.FromZip(new MemoryStream(zip), limits ?? LinkedInExportLimits.Default));

    private static LinkedInExport Read(Func<LinkedInExportFiles> open)
    {
        using var files = open();
        return LinkedInExportReader.Read(files);
    }

    private static IEnumerable<ImportedMessage> Of(LinkedInExport export, string key) =>
        export.Batch.Messages.Where(m => m.ContactKey == key).OrderBy(m => m.At);

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public void The_fixture_export_yields_its_contacts_and_messages_on_the_linkedin_channel()
    {
        var export = ReadFolder();

        Assert.Equal(TextChannel.LinkedIn, export.Batch.Channel);
        Assert.Equal(F.Owner, export.OwnerProfileUrl);
        Assert.Equal(F.Contacts, export.Batch.Contacts.Count);
        Assert.Equal(F.Messages, export.Batch.Messages.Count);
        Assert.Equal(F.SkippedRows, export.SkippedRows);
        Assert.Equal(1, export.IgnoredConversations);
    }

    [Fact]
    public void A_connection_with_an_address_is_keyed_by_it_after_the_preamble_BOM_and_CRLF()
    {
        var priya = ReadFolder().Batch.Contacts.Single(c => c.ProfileUrl == F.Priya);

        Assert.Equal(new ImportedContact(F.PriyaEmail, F.PriyaEmail, F.Priya, "Priya Raman", new DateTimeOffset(2024, 3, 12, 0, 0, 0, TimeSpan.Zero)), priya);
    }

    [Fact]
    public void A_connection_without_an_address_is_keyed_by_its_normalised_profile()
    {
        var contacts = ReadFolder().Batch.Contacts;

        var marco = contacts.Single(c => c.ContactKey == F.Marco);
        Assert.Null(marco.Email);
        Assert.Equal(new DateTimeOffset(2023, 1, 3, 0, 0, 0, TimeSpan.Zero), marco.ConnectedOn);
        Assert.Contains(contacts, c => c.ContactKey == F.Lena && c.DisplayName == "Lena Vogel");
        Assert.Contains(contacts, c => c.ContactKey == F.Sam && c.ConnectedOn == new DateTimeOffset(2021, 6, 5, 0, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void Someone_who_only_messaged_is_a_linkedin_only_contact_named_from_the_message()
    {
        var jordan = ReadFolder().Batch.Contacts.Single(c => c.ContactKey == F.Jordan);

        Assert.Equal(new ImportedContact(F.Jordan, null, F.Jordan, "Jordan Lee", null), jordan);
    }

    [Fact]
    public void The_owners_messages_are_sent_and_the_others_received_at_their_UTC_instants()
    {
        var export = ReadFolder();

        Assert.Equal(
            [(new DateTimeOffset(2026, 2, 20, 9, 15, 0, TimeSpan.Zero), TextDirection.Received), (new DateTimeOffset(2026, 2, 20, 10, 2, 11, TimeSpan.Zero), TextDirection.Sent)],
            Of(export, F.PriyaEmail).Where(m => m.At.Month == 2 && m.At.Day == 20).Select(m => (m.At, m.Direction)));
        Assert.Equal([TextDirection.Received, TextDirection.Sent], Of(export, F.Marco).Select(m => m.Direction));
        Assert.Equal([TextDirection.Received], Of(export, F.Jordan).Select(m => m.Direction));
    }

    [Fact]
    public void A_message_of_the_owner_to_a_small_group_is_sent_to_every_other_participant()
    {
        var export = ReadFolder();
        var groupAt = new DateTimeOffset(2026, 2, 1, 9, 0, 0, TimeSpan.Zero);

        var group = export.Batch.Messages.Where(m => m.At == groupAt).ToList();

        Assert.Equal([F.Lena, F.PriyaEmail], group.Select(m => m.ContactKey).Order(StringComparer.Ordinal));
        Assert.All(group, m => Assert.Equal(TextDirection.Sent, m.Direction));
        Assert.Single(group.Select(m => m.MessageKey).Distinct());
    }

    [Fact]
    public void A_conversation_of_more_than_eight_people_is_ignored()
    {
        var export = ReadFolder();

        Assert.Empty(Of(export, F.Sam));
        Assert.DoesNotContain(export.Batch.Contacts, c => c.ContactKey.Contains("guest-", StringComparison.Ordinal));
    }

    [Fact]
    public void Drafts_are_not_messages_and_bad_rows_are_skipped_by_file_and_line_without_losing_the_rest()
    {
        var export = ReadFolder();

        Assert.DoesNotContain(export.Batch.Messages, m => m.At == new DateTimeOffset(2026, 2, 21, 9, 0, 0, TimeSpan.Zero));
        Assert.Equal([new DateTimeOffset(2026, 2, 11, 7, 45, 0, TimeSpan.Zero)], Of(export, F.Lena).Where(m => m.Direction == TextDirection.Received).Select(m => m.At));
        Assert.Contains("Connections.csv, line 9: neither a profile URL nor an email address", export.SkippedExamples);
        Assert.Contains("messages.csv, line 11: DATE is not a date such as 2023-05-01 14:22:10 UTC", export.SkippedExamples);
        Assert.Contains("messages.csv, line 13: no CONVERSATION ID", export.SkippedExamples);
        Assert.Contains(export.SkippedExamples, e => e.StartsWith("messages.csv, line 14:", StringComparison.Ordinal));
    }

    [Fact]
    public void The_same_export_read_twice_gives_the_same_keys_and_a_zip_reads_as_the_folder()
    {
        var folder = ReadFolder();
        var zip = ReadZip(F.Zip());

        Assert.Equal(folder.Batch.Contacts, zip.Batch.Contacts);
        Assert.Equal(folder.Batch.Messages.OrderBy(m => m.ContactKey, StringComparer.Ordinal).ThenBy(m => m.MessageKey),
            zip.Batch.Messages.OrderBy(m => m.ContactKey, StringComparer.Ordinal).ThenBy(m => m.MessageKey));
        Assert.Equal(F.Messages, zip.Batch.Messages.Select(m => (m.ContactKey, m.MessageKey)).Distinct().Count());
    }

    [Fact]
    public void File_names_match_whatever_their_case_and_folder()
    {
        var connections = File.ReadAllBytes(Directory.GetFiles(F.Folder, "Connections.csv", SearchOption.AllDirectories)[0]);
        var messages = File.ReadAllBytes(Directory.GetFiles(F.Folder, "messages.csv", SearchOption.AllDirectories)[0]);

        var export = ReadZip(F.Zip(("export/deeper/CONNECTIONS.CSV", connections), ("export\\Messages.CSV", messages)));

        Assert.Equal(F.Messages, export.Batch.Messages.Count);
        Assert.Equal(F.Contacts, export.Batch.Contacts.Count);
    }

    [Fact]
    public void An_older_export_without_a_URL_column_keys_connections_by_address_and_skips_those_without()
    {
        var csv = "Notes:\n\"old export\"\n\nFirst Name,Last Name,Email Address,Company,Position,Connected On\n" +
                  "Dana,Whitfield,Dana@Fabrikam.com,Fabrikam,CEO,01 Feb 2019\nNo,Address,,Contoso,CTO,02 Feb 2019\n";

        var export = ReadZip(F.Zip(("Connections.csv", Utf8(csv))));

        Assert.Equal([new ImportedContact("dana@fabrikam.com", "dana@fabrikam.com", null, "Dana Whitfield", new DateTimeOffset(2019, 2, 1, 0, 0, 0, TimeSpan.Zero))], export.Batch.Contacts);
        Assert.Equal(1, export.SkippedRows);
        Assert.Null(export.OwnerProfileUrl);
    }

    [Fact]
    public void Columns_are_read_by_name_in_any_order_and_case()
    {
        var csv = "date,Sender Profile URL,conversation id,CONTENT,Recipient Profile URLs,Extra\n" +
                  "2023-05-01 14:22:10 UTC,https://www.linkedin.com/in/dana,c1,\"hello, there\",https://www.linkedin.com/in/me,x\n" +
                  "2023-05-02 08:00:00 UTC,https://www.linkedin.com/in/me,c1,back,https://www.linkedin.com/in/dana,y\n" +
                  "2023-05-03 08:00:00 UTC,https://www.linkedin.com/in/me,c2,other,https://www.linkedin.com/in/erin,z\n";

        var export = ReadZip(F.Zip(("messages.csv", Utf8(csv))));

        Assert.Equal("https://www.linkedin.com/in/me", export.OwnerProfileUrl);
        Assert.Equal(
            [("https://www.linkedin.com/in/dana", TextDirection.Received), ("https://www.linkedin.com/in/dana", TextDirection.Sent), ("https://www.linkedin.com/in/erin", TextDirection.Sent)],
            export.Batch.Messages.OrderBy(m => m.At).Select(m => (m.ContactKey, m.Direction)));
        Assert.Equal(new DateTimeOffset(2023, 5, 1, 14, 22, 10, TimeSpan.Zero), export.Batch.Messages.Min(m => m.At));
    }

    [Fact]
    public void Bytes_that_are_not_a_zip_are_refused_naming_the_upload()
    {
        var error = Assert.Throws<LinkedInExportException>(() => ReadZip(Utf8("First Name,Last Name\n")));

        Assert.Equal(LinkedInExportError.NotAnExport, error.Error);
        Assert.Contains("not a zip archive", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_zip_without_messages_or_connections_is_refused_naming_both()
    {
        var error = Assert.Throws<LinkedInExportException>(() => ReadZip(F.Zip(("Profile.csv", Utf8("First Name\nAvery\n")), ("guide_messages.csv", Utf8("x\n")))));

        Assert.Equal(LinkedInExportError.NoExportFiles, error.Error);
        Assert.Contains("messages.csv", error.Message, StringComparison.Ordinal);
        Assert.Contains("Connections.csv", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_without_its_header_is_refused_naming_the_file()
    {
        var error = Assert.Throws<LinkedInExportException>(() => ReadZip(F.Zip(("messages.csv", Utf8("a,b,c\n1,2,3\n")))));

        Assert.Equal(LinkedInExportError.Malformed, error.Error);
        Assert.Equal("messages.csv", error.File);
        Assert.Contains("CONVERSATION ID", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_zip_bomb_stops_at_the_cap_on_inflated_bytes_whatever_the_zip_declares()
    {
        var header = Utf8("CONVERSATION ID,SENDER PROFILE URL,DATE,CONTENT\n");
        var bomb = header.Concat(new byte[4 * 1024 * 1024].Select(_ => (byte)'a')).ToArray();

        var error = Assert.Throws<LinkedInExportException>(() => ReadZip(F.Zip(("messages.csv", bomb)), new LinkedInExportLimits(MaxFileBytes: 1024 * 1024)));

        Assert.Equal(LinkedInExportError.TooLarge, error.Error);
        Assert.Equal("messages.csv", error.File);
    }

    [Fact]
    public void A_zip_with_more_entries_than_an_export_has_is_refused()
    {
        var entries = Enumerable.Range(0, 30).Select(i => ($"f{i}.csv", Utf8("x"))).Append(("messages.csv", Utf8("x"))).ToArray();

        var error = Assert.Throws<LinkedInExportException>(() => ReadZip(F.Zip(entries), new LinkedInExportLimits(MaxEntries: 20)));

        Assert.Equal(LinkedInExportError.TooLarge, error.Error);
    }

    [Fact]
    public void An_export_whose_owner_cannot_be_told_apart_is_refused_rather_than_guessed()
    {
        var csv = "CONVERSATION ID,SENDER PROFILE URL,RECIPIENT PROFILE URLS,DATE\n" +
                  "c1,https://www.linkedin.com/in/a,https://www.linkedin.com/in/b,2023-05-01 14:22:10 UTC\n";

        var error = Assert.Throws<LinkedInExportException>(() => ReadZip(F.Zip(("messages.csv", Utf8(csv)))));

        Assert.Equal(LinkedInExportError.OwnerUnknown, error.Error);
    }

    [Fact]
    public void A_missing_path_is_neither_a_zip_nor_a_folder()
    {
        var error = Assert.Throws<LinkedInExportException>(() => LinkedInExportFiles.Open("/nonexistent/export.zip", LinkedInExportLimits.Default));

        Assert.Equal(LinkedInExportError.NotAnExport, error.Error);
        Assert.Contains("/nonexistent/export.zip", error.Message, StringComparison.Ordinal);
    }
}
