// Outreach on Azure: one resource group with a Flex Consumption function app that runs as a user-assigned
// managed identity, its storage account (no shared keys), Log Analytics and Application Insights (no local
// auth), and the identity's Azure role assignments. Provision with `azd provision`; see infra/README.md.
//
// The Outreach__* parameters mirror the app's options classes (names: section + property); their defaults
// and ranges are the code's, which tests/Outreach.Functions.Tests/Infra/AppSettingsTests.cs checks.

targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; names the resource group and seeds the resource names.')
param environmentName string

@minLength(1)
@description('Azure region for every resource.')
@metadata({ azd: { type: 'location' } })
param location string

// ---- Outreach:Pipeline and the weekly run ----

@description('NCRONTAB schedule of the weekly run (seconds first). Default: Monday 06:00 UTC.')
param weeklySchedule string = '0 0 6 * * 1'

@description('Mailboxes scanned every week: user principal names, comma-separated. Empty: none besides the group.')
param pipelineMailboxes string = ''

@description('Entra group (object id) whose transitive user members are scanned every week. Empty: none. Needs GroupMember.Read.All.')
param pipelineMailboxGroupId string = ''

@description('The most mailboxes one POST /api/scans may name.')
@minValue(1)
@maxValue(1000)
param pipelineMaxMailboxesPerRequest int = 100

@description('How many harvest messages the weekly run sends at once.')
@minValue(1)
@maxValue(256)
param pipelineEnqueueParallelism int = 32

@description('How long a harvest or evaluation holds its mailbox lock before renewing it (TimeSpan, 00:00:05 to 01:00:00).')
param pipelineMailboxLockDuration string = '00:02:00'

@description('How long a stage that found its mailbox locked waits before its message comes back (TimeSpan, at most 00:10:00).')
param pipelineLockedRetryDelay string = '00:00:30'

// ---- Outreach:Policy (the warmth rules) ----

@description('How far back (days) a meeting still counts as having met.')
@minValue(1)
@maxValue(3650)
param policyMeetingLookbackDays int = 730

@description('How far ahead (days) an upcoming meeting makes a contact "scheduled".')
@minValue(1)
@maxValue(365)
param policyScheduledLookaheadDays int = 90

@description('Larger meetings do not count as having met.')
@minValue(2)
@maxValue(1000)
param policyMaxMeetingParticipants int = 8

@description('Whether a phone-only call counts as having met.')
param policyVoiceCountsAsMet bool = false

@description('The window (days) in which emails are counted.')
@minValue(7)
@maxValue(3650)
param policyTextLookbackDays int = 180

@description('Emails needed within the window.')
@minValue(1)
@maxValue(1000)
param policyMinTextTouchpoints int = 3

@description('Require at least one email each way.')
param policyRequireReciprocity bool = true

@description('The latest email must be at most this many days old.')
@minValue(1)
@maxValue(3650)
param policyRecentTextDays int = 90

@description('More internal domains (subdomains included), comma-separated.')
param policyInternalDomains string = ''

@description('Addresses or @domains never flagged, comma-separated.')
param policyDoNotContact string = ''

@description('Role-address local parts added to the built-in list (noreply, no-reply, ...), comma-separated.')
param policyAutomatedLocalParts string = ''

// ---- Outreach:Scan ----

@description('How often a long harvest saves its progress (TimeSpan, at most 01:00:00).')
param scanCheckpointInterval string = '00:00:05'

@description('Extra days of calendar look-ahead so the calendar delta survives weekly runs.')
@minValue(0)
@maxValue(365)
param scanCalendarWindowSlackDays int = 35

@description('Contacts with no email within this many days are removed from the stored state by the weekly run.')
@minValue(30)
@maxValue(3650)
param scanRetentionDays int = 365

// ---- Outreach:Sources (issue 13) ----

@description('What the scan reads, comma-separated: any of mail, calendar, teamsCalls, teamsChats. The Teams sources need their Graph permissions (infra/README.md) and a Teams reader; an unknown name stops the app at start-up.')
param outreachSources string = 'mail,calendar'

// ---- Outreach:Invitations (Graph permissions: see infra/README.md, grant-graph-permissions.sh --invitations) ----

@description('A contact invited within this many days is not invited again.')
@minValue(1)
@maxValue(365)
param invitationsCooldownDays int = 30

@description('A contact who declined is not invited again for this many days.')
@minValue(1)
@maxValue(730)
param invitationsDeclinedCooldownDays int = 180

@description('The most contacts one POST /api/invitations may invite.')
@minValue(1)
@maxValue(100)
param invitationsMaxContactsPerRequest int = 20

@description('Meeting length (minutes) when a request names none.')
@minValue(15)
@maxValue(120)
param invitationsDefaultDurationMinutes int = 30

@description('Where in-person meetings happen when a request names no location. Empty: none (required for auto mode in person).')
@maxLength(255)
param invitationsDefaultLocation string = ''

@description('Signature (plain text) under the owner\'s name in the built-in templates. Empty: none.')
@maxLength(500)
param invitationsOwnerSignature string = ''

@description('The weekly run invites the top flagged contacts itself (needs the invitation Graph permissions).')
param invitationsAutoMode bool = false

@description('How many contacts auto mode invites per mailbox and week, at most.')
@minValue(1)
@maxValue(20)
param invitationsAutoModeMaxPerMailbox int = 3

@description('Auto mode\'s meeting: Video, or InPerson (needs invitationsDefaultLocation).')
@allowed([
  'Video'
  'InPerson'
])
param invitationsAutoModeMode string = 'Video'

// ---- Outreach:Digest (weekly digest e-mail and review page; Graph permission Mail.Send: grant-graph-permissions.sh --digest) ----

@description('Send each mailbox owner a weekly digest after the weekly scan (needs a signing key and Mail.Send).')
param digestEnabled bool = false

@description('How many contacts one digest lists, at most.')
@minValue(1)
@maxValue(20)
param digestTopN int = 10

@description('How many days a digest\'s review link works.')
@minValue(1)
@maxValue(31)
param digestReviewLinkValidityDays int = 8

@description('"Not now" keeps a contact out of the digests for this many days.')
@minValue(1)
@maxValue(365)
param digestSnoozeDays int = 28

@description('The app\'s public https address for review links. Empty: https://<function app name>.azurewebsites.net (set it for a custom domain or a unique default host name).')
@maxLength(500)
param digestPublicBaseUrl string = ''

@description('The HMAC key of review links (random, at least 32 characters), unless digestSigningKeySecretUri is given. Never in a parameters file: azd prompts for it or reads it from the environment.')
@secure()
param digestSigningKey string = ''

@description('The key before a rotation: links it signed keep working until they expire. Empty: none.')
@secure()
param digestPreviousSigningKey string = ''

@description('A Key Vault secret URI holding the signing key (preferred over digestSigningKey); the app\'s identity needs "Key Vault Secrets User" on it.')
param digestSigningKeySecretUri string = ''

// ---- Outreach:Invitations:Slots ----

@description('No proposed slot starts sooner than this after now (TimeSpan, at most 7.00:00:00).')
param slotsLeadTime string = '02:00:00'

@description('How many of the owner\'s working days are searched for free slots.')
@minValue(1)
@maxValue(30)
param slotsHorizonDays int = 10

@description('Slots start on this grid (minutes) of the owner\'s local clock.')
@minValue(5)
@maxValue(60)
param slotsGranularityMinutes int = 30

@description('Free time kept around busy blocks and between proposed slots (TimeSpan, at most 01:00:00).')
param slotsBuffer string = '00:00:00'

// ---- Outreach:Graph ----

@description('Graph root. Empty: this cloud\'s Microsoft Graph, v1.0 (environment().graph).')
param graphBaseUrl string = ''

@description('Items per page (Prefer: odata.maxpagesize).')
@minValue(1)
@maxValue(1000)
param graphPageSize int = 1000

@description('Messages per request ($top) of the message list a folder\'s first sync reads its window with (documented maximum 1000).')
@minValue(1)
@maxValue(1000)
param graphListPageSize int = 1000

@description('Concurrent Graph requests per mailbox (Outlook allows 4).')
@minValue(1)
@maxValue(4)
param graphMaxConcurrentRequestsPerMailbox int = 4

@description('Retries of 429/503/504.')
@minValue(0)
@maxValue(10)
param graphMaxRetries int = 6

@description('Seconds before a retry when the response has no Retry-After.')
@minValue(0)
@maxValue(180)
param graphRetryDelaySeconds int = 3

@description('Read the List-*/Precedence/Auto-Submitted headers (needs Mail.Read; false: Mail.ReadBasic.All is enough).')
param graphReadMessageHeaders bool = true

@description('Look for join links in event bodies.')
param graphReadEventBodies bool = false

// ---- Hosting ----

@description('Most instances the Flex Consumption app scales out to.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Blob data role of the app\'s identity on its storage account (Contributor suffices; see infra/README.md).')
@allowed([
  'Contributor'
  'Owner'
])
param storageBlobDataRole string = 'Contributor'

var tags = {
  'azd-env-name': environmentName
  application: 'outreach'
}
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var functionAppName = 'func-${resourceToken}'
var deploymentContainerName = 'app-package-${resourceToken}'
var identityName = 'id-${resourceToken}'
var storageAccountName = 'st${resourceToken}'
var applicationInsightsName = 'appi-${resourceToken}'

func csv(text string) string[] => filter(map(split(text, ','), item => trim(item)), item => !empty(item))

resource resourceGroup 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module identity 'app/identity.bicep' = {
  name: 'identity'
  scope: resourceGroup
  params: {
    name: identityName
    location: location
    tags: tags
  }
}

module storage 'app/storage.bicep' = {
  name: 'storage'
  scope: resourceGroup
  params: {
    name: storageAccountName
    location: location
    tags: tags
    deploymentContainerName: deploymentContainerName
  }
}

module monitoring 'app/monitoring.bicep' = {
  name: 'monitoring'
  scope: resourceGroup
  params: {
    logAnalyticsName: 'log-${resourceToken}'
    applicationInsightsName: applicationInsightsName
    location: location
    tags: tags
  }
}

module roles 'app/roles.bicep' = {
  name: 'roles'
  scope: resourceGroup
  params: {
    identityName: identityName
    storageAccountName: storageAccountName
    applicationInsightsName: applicationInsightsName
    blobDataRole: storageBlobDataRole
  }
  // The module reads these as existing resources, by name.
  dependsOn: [
    identity
    storage
    monitoring
  ]
}

module functions 'app/functions.bicep' = {
  name: 'functions'
  scope: resourceGroup
  params: {
    name: functionAppName
    planName: 'plan-${resourceToken}'
    location: location
    tags: tags
    serviceName: 'functions'
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    blobEndpoint: storage.outputs.blobEndpoint
    queueEndpoint: storage.outputs.queueEndpoint
    tableEndpoint: storage.outputs.tableEndpoint
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    applicationInsightsConnectionString: monitoring.outputs.applicationInsightsConnectionString
    maximumInstanceCount: maximumInstanceCount
    pipeline: {
      weeklySchedule: weeklySchedule
      mailboxes: csv(pipelineMailboxes)
      mailboxGroupId: pipelineMailboxGroupId
      maxMailboxesPerRequest: pipelineMaxMailboxesPerRequest
      enqueueParallelism: pipelineEnqueueParallelism
      mailboxLockDuration: pipelineMailboxLockDuration
      lockedRetryDelay: pipelineLockedRetryDelay
    }
    policy: {
      meetingLookbackDays: policyMeetingLookbackDays
      scheduledLookaheadDays: policyScheduledLookaheadDays
      maxMeetingParticipants: policyMaxMeetingParticipants
      voiceCountsAsMet: policyVoiceCountsAsMet
      textLookbackDays: policyTextLookbackDays
      minTextTouchpoints: policyMinTextTouchpoints
      requireReciprocity: policyRequireReciprocity
      recentTextDays: policyRecentTextDays
      internalDomains: csv(policyInternalDomains)
      doNotContact: csv(policyDoNotContact)
      automatedLocalParts: csv(policyAutomatedLocalParts)
    }
    scan: {
      checkpointInterval: scanCheckpointInterval
      calendarWindowSlackDays: scanCalendarWindowSlackDays
      retentionDays: scanRetentionDays
      sources: outreachSources
    }
    invitations: {
      cooldownDays: invitationsCooldownDays
      declinedCooldownDays: invitationsDeclinedCooldownDays
      maxContactsPerRequest: invitationsMaxContactsPerRequest
      defaultDurationMinutes: invitationsDefaultDurationMinutes
      defaultLocation: invitationsDefaultLocation
      ownerSignature: invitationsOwnerSignature
      autoMode: invitationsAutoMode
      autoModeMaxPerMailbox: invitationsAutoModeMaxPerMailbox
      autoModeMode: invitationsAutoModeMode
    }
    digest: {
      enabled: digestEnabled
      topN: digestTopN
      reviewLinkValidityDays: digestReviewLinkValidityDays
      snoozeDays: digestSnoozeDays
      publicBaseUrl: digestPublicBaseUrl
      signingKeySecretUri: digestSigningKeySecretUri
    }
    digestSigningKey: digestSigningKey
    digestPreviousSigningKey: digestPreviousSigningKey
    slots: {
      leadTime: slotsLeadTime
      horizonDays: slotsHorizonDays
      granularityMinutes: slotsGranularityMinutes
      buffer: slotsBuffer
    }
    graph: {
      baseUrl: empty(graphBaseUrl) ? '${environment().graph}v1.0' : graphBaseUrl
      pageSize: graphPageSize
      listPageSize: graphListPageSize
      maxConcurrentRequestsPerMailbox: graphMaxConcurrentRequestsPerMailbox
      maxRetries: graphMaxRetries
      retryDelaySeconds: graphRetryDelaySeconds
      readMessageHeaders: graphReadMessageHeaders
      readEventBodies: graphReadEventBodies
    }
  }
  // The identity's data roles must exist before the host first starts, or it fails to reach its storage.
  dependsOn: [
    roles
  ]
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = resourceGroup.name
output AZURE_FUNCTION_APP_NAME string = functions.outputs.name
output AZURE_FUNCTION_APP_URL string = 'https://${functions.outputs.defaultHostName}'
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_USER_ASSIGNED_IDENTITY_NAME string = identity.outputs.name
output AZURE_USER_ASSIGNED_IDENTITY_CLIENT_ID string = identity.outputs.clientId
output AZURE_USER_ASSIGNED_IDENTITY_PRINCIPAL_ID string = identity.outputs.principalId
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.applicationInsightsName
// Read by infra/scripts/grant-graph-permissions.sh (azd env get-values) to grant exactly what is needed.
output OUTREACH_GRAPH_URL string = environment().graph
output OUTREACH_GRAPH_READ_MESSAGE_HEADERS bool = graphReadMessageHeaders
output OUTREACH_MAILBOX_GROUP_ID string = pipelineMailboxGroupId
output OUTREACH_INVITATIONS_AUTO_MODE bool = invitationsAutoMode
