using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Azure.Identity;
using Outreach.Graph.Auth;

namespace Outreach.Graph.Tests.Authentication;

public sealed class GraphAuthenticationTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("outreach-cert-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void Device_code_for_the_scan_asks_for_mail_and_calendar_read_on_the_configured_cloud()
    {
        var options = new GraphOptions { Auth = GraphAuthMode.DeviceCode, ClientId = "app", BaseUrl = "https://graph.microsoft.us/v1.0" };

        Assert.Equal(["https://graph.microsoft.us/Mail.Read", "https://graph.microsoft.us/Calendars.Read"], GraphAuthentication.Scopes(options));
    }

    [Fact]
    public void Device_code_for_the_scan_without_headers_asks_for_Mail_ReadBasic()
    {
        var options = new GraphOptions { Auth = GraphAuthMode.DeviceCode, ClientId = "app", ReadMessageHeaders = false };

        Assert.Equal(["https://graph.microsoft.com/Mail.ReadBasic", "https://graph.microsoft.com/Calendars.Read"], GraphAuthentication.Scopes(options));
    }

    [Fact]
    public void Device_code_for_invitations_asks_for_what_creating_an_event_needs_and_no_mail()
    {
        var options = new GraphOptions { Auth = GraphAuthMode.DeviceCode, ClientId = "app" };

        var scopes = GraphAuthentication.Scopes(options, GraphPermissions.DelegatedInvitations);

        Assert.Equal(
            ["https://graph.microsoft.com/Calendars.ReadWrite", "https://graph.microsoft.com/MailboxSettings.Read", "https://graph.microsoft.com/User.ReadBasic.All"],
            scopes);
        Assert.DoesNotContain(scopes, s => s.Contains("Mail.", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(GraphAuthMode.ClientSecret)]
    [InlineData(GraphAuthMode.ManagedIdentity)]
    [InlineData(GraphAuthMode.ClientCertificate)]
    public void App_only_modes_ask_for_the_default_scope_whatever_the_command(GraphAuthMode mode)
    {
        var options = new GraphOptions { Auth = mode };

        Assert.Equal(["https://graph.microsoft.com/.default"], GraphAuthentication.Scopes(options, GraphPermissions.DelegatedInvitations));
    }

    [Fact]
    public void A_password_protected_pfx_is_opened_with_the_configured_password()
    {
        var (path, thumbprint) = WritePfx("s3cret!");
        var options = new GraphOptions { Auth = GraphAuthMode.ClientCertificate, TenantId = "t", ClientId = "c", CertificatePath = path, CertificatePassword = "s3cret!" };

        using var certificate = GraphAuthentication.LoadCertificate(options);

        Assert.Equal(thumbprint, certificate.Thumbprint);
        Assert.True(certificate.HasPrivateKey);
        Assert.IsType<ClientCertificateCredential>(GraphAuthentication.CreateCredential(options));
    }

    [Fact]
    public void A_password_protected_pfx_without_its_password_is_refused()
    {
        var (path, _) = WritePfx("s3cret!");
        var options = new GraphOptions { Auth = GraphAuthMode.ClientCertificate, TenantId = "t", ClientId = "c", CertificatePath = path };

        Assert.ThrowsAny<CryptographicException>(() => GraphAuthentication.LoadCertificate(options));
    }

    [Fact]
    public void An_unprotected_pfx_still_loads_without_a_password()
    {
        var (path, thumbprint) = WritePfx(null);
        var options = new GraphOptions { Auth = GraphAuthMode.ClientCertificate, TenantId = "t", ClientId = "c", CertificatePath = path };

        using var certificate = GraphAuthentication.LoadCertificate(options);

        Assert.Equal(thumbprint, certificate.Thumbprint);
        Assert.True(certificate.HasPrivateKey);
    }

    private (string Path, string Thumbprint) WritePfx(string? password)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=outreach-test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        var path = Path.Combine(directory, Guid.NewGuid().ToString("N") + ".pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
        return (path, certificate.Thumbprint);
    }
}
