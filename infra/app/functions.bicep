// The Flex Consumption plan (FC1) and the function app: .NET 10 isolated worker, running as the
// user-assigned identity, deployed by azd from a blob container it reads with that identity, with
// identity-based host storage, Entra-authenticated Application Insights and every Outreach__* setting.

import { PipelineSettings, PolicySettings, ScanSettings, GraphSettings, InvitationSettings, SlotSettings, DigestSettings } from 'types.bicep'

@description('Function app name.')
param name string

@description('Flex Consumption plan name.')
param planName string

@description('Azure region.')
param location string

@description('Tags for the plan and the app (the app also gets azd-service-name).')
param tags object

@description('The azd service this app hosts (azure.yaml).')
param serviceName string

@description('Resource id of the user-assigned managed identity.')
param identityId string

@description('Client id of the user-assigned managed identity.')
param identityClientId string

@description('Storage account for host storage and the app\'s tables and queues.')
param storageAccountName string

@description('Blob endpoint of the storage account.')
param blobEndpoint string

@description('Queue endpoint of the storage account.')
param queueEndpoint string

@description('Table endpoint of the storage account.')
param tableEndpoint string

@description('URL of the blob container holding the deployment package.')
param deploymentContainerUrl string

@description('Application Insights connection string (an ingestion endpoint, not a secret: local auth is off).')
param applicationInsightsConnectionString string

@description('Most instances the app scales out to.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Memory per instance.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

param pipeline PipelineSettings
param policy PolicySettings
param scan ScanSettings
param graph GraphSettings
param invitations InvitationSettings
param slots SlotSettings
param digest DigestSettings

@description('The review links\' HMAC key (when no Key Vault secret URI is given).')
@secure()
param digestSigningKey string = ''

@description('The signing key before a rotation; empty: none.')
@secure()
param digestPreviousSigningKey string = ''

// App settings are strings; .NET binds 'true'/'false'.
func flag(value bool) string => value ? 'true' : 'false'

// One entry per setting the code reads. tests/Outreach.Functions.Tests/Infra/AppSettingsTests.cs checks
// the compiled template against the options classes, in both directions.
var settings = [
  // Host storage, identity-based (StorageOptions reads the same keys for the app's tables and queues).
  { name: 'AzureWebJobsStorage__accountName', value: storageAccountName }
  { name: 'AzureWebJobsStorage__blobServiceUri', value: blobEndpoint }
  { name: 'AzureWebJobsStorage__queueServiceUri', value: queueEndpoint }
  { name: 'AzureWebJobsStorage__tableServiceUri', value: tableEndpoint }
  { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
  { name: 'AzureWebJobsStorage__clientId', value: identityClientId }
  // Telemetry with the managed identity (Entra auth; the component has local auth disabled).
  { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: applicationInsightsConnectionString }
  { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'ClientId=${identityClientId};Authorization=AAD' }
  // The weekly timer trigger's schedule (%OUTREACH_WEEKLY_SCHEDULE%).
  { name: 'OUTREACH_WEEKLY_SCHEDULE', value: pipeline.weeklySchedule }
  // Outreach:Pipeline
  { name: 'Outreach__Pipeline__MailboxGroupId', value: pipeline.mailboxGroupId }
  { name: 'Outreach__Pipeline__MaxMailboxesPerRequest', value: string(pipeline.maxMailboxesPerRequest) }
  { name: 'Outreach__Pipeline__EnqueueParallelism', value: string(pipeline.enqueueParallelism) }
  { name: 'Outreach__Pipeline__MailboxLockDuration', value: pipeline.mailboxLockDuration }
  { name: 'Outreach__Pipeline__LockedRetryDelay', value: pipeline.lockedRetryDelay }
  // Outreach:Graph, app-only with the user-assigned identity.
  { name: 'Outreach__Graph__Auth', value: 'ManagedIdentity' }
  { name: 'Outreach__Graph__ClientId', value: identityClientId }
  { name: 'Outreach__Graph__TenantId', value: tenant().tenantId }
  { name: 'Outreach__Graph__AuthorityHost', value: environment().authentication.loginEndpoint }
  { name: 'Outreach__Graph__BaseUrl', value: graph.baseUrl }
  { name: 'Outreach__Graph__PageSize', value: string(graph.pageSize) }
  { name: 'Outreach__Graph__ListPageSize', value: string(graph.listPageSize) }
  { name: 'Outreach__Graph__MaxConcurrentRequestsPerMailbox', value: string(graph.maxConcurrentRequestsPerMailbox) }
  { name: 'Outreach__Graph__MaxRetries', value: string(graph.maxRetries) }
  { name: 'Outreach__Graph__RetryDelaySeconds', value: string(graph.retryDelaySeconds) }
  { name: 'Outreach__Graph__ReadMessageHeaders', value: flag(graph.readMessageHeaders) }
  { name: 'Outreach__Graph__ReadEventBodies', value: flag(graph.readEventBodies) }
  // Outreach:Policy
  { name: 'Outreach__Policy__MeetingLookbackDays', value: string(policy.meetingLookbackDays) }
  { name: 'Outreach__Policy__ScheduledLookaheadDays', value: string(policy.scheduledLookaheadDays) }
  { name: 'Outreach__Policy__MaxMeetingParticipants', value: string(policy.maxMeetingParticipants) }
  { name: 'Outreach__Policy__VoiceCountsAsMet', value: flag(policy.voiceCountsAsMet) }
  { name: 'Outreach__Policy__TextLookbackDays', value: string(policy.textLookbackDays) }
  { name: 'Outreach__Policy__MinTextTouchpoints', value: string(policy.minTextTouchpoints) }
  { name: 'Outreach__Policy__RequireReciprocity', value: flag(policy.requireReciprocity) }
  { name: 'Outreach__Policy__RecentTextDays', value: string(policy.recentTextDays) }
  // Outreach:Scan
  { name: 'Outreach__Scan__CheckpointInterval', value: scan.checkpointInterval }
  { name: 'Outreach__Scan__CalendarWindowSlackDays', value: string(scan.calendarWindowSlackDays) }
  { name: 'Outreach__Scan__RetentionDays', value: string(scan.retentionDays) }
  { name: 'Outreach__Sources', value: scan.sources }
  // Outreach:Invitations
  { name: 'Outreach__Invitations__CooldownDays', value: string(invitations.cooldownDays) }
  { name: 'Outreach__Invitations__DeclinedCooldownDays', value: string(invitations.declinedCooldownDays) }
  { name: 'Outreach__Invitations__MaxContactsPerRequest', value: string(invitations.maxContactsPerRequest) }
  { name: 'Outreach__Invitations__DefaultDurationMinutes', value: string(invitations.defaultDurationMinutes) }
  { name: 'Outreach__Invitations__AutoMode', value: flag(invitations.autoMode) }
  { name: 'Outreach__Invitations__AutoModeMaxPerMailbox', value: string(invitations.autoModeMaxPerMailbox) }
  { name: 'Outreach__Invitations__AutoModeMode', value: invitations.autoModeMode }
  // Outreach:Invitations:Slots
  { name: 'Outreach__Invitations__Slots__LeadTime', value: slots.leadTime }
  { name: 'Outreach__Invitations__Slots__HorizonDays', value: string(slots.horizonDays) }
  { name: 'Outreach__Invitations__Slots__GranularityMinutes', value: string(slots.granularityMinutes) }
  { name: 'Outreach__Invitations__Slots__Buffer', value: slots.buffer }
  // Outreach:Digest
  { name: 'Outreach__Digest__Enabled', value: flag(digest.enabled) }
  { name: 'Outreach__Digest__TopN', value: string(digest.topN) }
  { name: 'Outreach__Digest__ReviewLinkValidityDays', value: string(digest.reviewLinkValidityDays) }
  { name: 'Outreach__Digest__SnoozeDays', value: string(digest.snoozeDays) }
  { name: 'Outreach__Digest__PublicBaseUrl', value: empty(digest.publicBaseUrl) ? 'https://${name}.azurewebsites.net' : digest.publicBaseUrl }
  // Outreach:Invitations:Templates: custom invitation templates, none by default. Add one here as
  // Outreach__Invitations__Templates__<name>__Mode, __Subject and __Body settings; see infra/README.md.
]

// Optional strings, set only when given: an empty app setting would bind as "" rather than leave the option
// unset (null), and the code tells the two apart (an empty default location is not "no default location").
var optionalSettings = filter([
  { name: 'Outreach__Invitations__DefaultLocation', value: invitations.defaultLocation }
  { name: 'Outreach__Invitations__OwnerSignature', value: invitations.ownerSignature }
  // The signing key: a Key Vault reference when a secret URI is given (resolved with the app's identity), else the secure parameter.
  { name: 'Outreach__Digest__SigningKey', value: empty(digest.signingKeySecretUri) ? digestSigningKey : '@Microsoft.KeyVault(SecretUri=${digest.signingKeySecretUri})' }
  { name: 'Outreach__Digest__PreviousSigningKey', value: digestPreviousSigningKey }
], setting => !empty(setting.value))

// List-valued options: one indexed setting per entry (none when the list is empty: the code's default).
var mailboxSettings = [for (mailbox, i) in pipeline.mailboxes: { name: 'Outreach__Pipeline__Mailboxes__${i}', value: mailbox }]
var internalDomainSettings = [for (domain, i) in policy.internalDomains: { name: 'Outreach__Policy__InternalDomains__${i}', value: domain }]
var doNotContactSettings = [for (entry, i) in policy.doNotContact: { name: 'Outreach__Policy__DoNotContact__${i}', value: entry }]
var automatedLocalPartSettings = [for (localPart, i) in policy.automatedLocalParts: { name: 'Outreach__Policy__AutomatedLocalParts__${i}', value: localPart }]

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': serviceName })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Key Vault references (the digest's signing key) resolve with the user-assigned identity.
    keyVaultReferenceIdentity: identityId
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      appSettings: concat(settings, optionalSettings, mailboxSettings, internalDomainSettings, doNotContactSettings, automatedLocalPartSettings)
    }
  }
}

// azd deploys with an Entra token; no publishing user names and passwords.
resource ftpCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: app
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: app
  name: 'scm'
  properties: {
    allow: false
  }
}

output name string = app.name
output defaultHostName string = app.properties.defaultHostName
