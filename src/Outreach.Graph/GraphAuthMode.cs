namespace Outreach.Graph;

/// <summary>How Outreach signs in to Microsoft Graph.</summary>
public enum GraphAuthMode
{
    /// <summary>DefaultAzureCredential: managed identity in Azure, developer sign-ins locally.</summary>
    Default,
    /// <summary>A (user-assigned, when ClientId is set) managed identity; app-only, any mailbox in scope.</summary>
    ManagedIdentity,
    /// <summary>An app registration's client secret; app-only.</summary>
    ClientSecret,
    /// <summary>An app registration's certificate (PFX/PEM file); app-only.</summary>
    ClientCertificate,
    /// <summary>A person signs in on another device (CLI); delegated, their own mailbox.</summary>
    DeviceCode,
    /// <summary>A bearer token given as is (OUTREACH_GRAPH_TOKEN); nothing from Azure.Identity is used.</summary>
    Token,
}
