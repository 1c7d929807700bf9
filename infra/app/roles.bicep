// Every Azure role assignment of the deployment, in one place: built-in data-plane roles for the app's
// user-assigned managed identity, each at the narrowest scope that works. No management-plane roles and
// no account keys. See infra/README.md ("Azure roles") for why each one is needed.

@description('Name of the user-assigned managed identity the roles are for.')
param identityName string

@description('Name of the storage account (host storage, app tables and queues, deployment container).')
param storageAccountName string

@description('Name of the Application Insights component.')
param applicationInsightsName string

@description('''
Blob role of the identity on the storage account. Contributor is enough for everything the Functions host
and the Flex deployment do with blobs (read/write/delete blobs, create containers, acquire and renew
leases); Owner only adds POSIX ACL and ownership management (hierarchical namespace) and blob tag
filtering, which nothing here uses. Kept switchable in case a future host version needs Owner.
''')
@allowed([
  'Contributor'
  'Owner'
])
param blobDataRole string = 'Contributor'

// Names (guid) come from resource ids known before deployment, so What-If can predict them.
// Built-in role definition ids (the same in every tenant and cloud).
var roleIds = {
  storageBlobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
}

var blobRoleId = blobDataRole == 'Owner' ? roleIds.storageBlobDataOwner : roleIds.storageBlobDataContributor

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {
  name: identityName
}

var principalId = identity.properties.principalId

resource storage 'Microsoft.Storage/storageAccounts@2024-01-01' existing = {
  name: storageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

// Host storage (azure-webjobs-hosts: host id and timer/singleton leases; azure-webjobs-secrets: function
// keys) and the Flex deployment package container. Account scope: the host creates its containers.
resource blobData 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identity.id, blobRoleId)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', blobRoleId)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

// Queue triggers (outreach-harvest, outreach-evaluate and their -poison queues), which the app and the
// host create on first use. Account scope: creating a queue is authorised at the account.
resource queueData 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identity.id, roleIds.storageQueueDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.storageQueueDataContributor)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

// The app's tables (OutreachState, OutreachScans, OutreachContacts, created on first use) and the host's
// diagnostic events table.
resource tableData 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identity.id, roleIds.storageTableDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.storageTableDataContributor)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

// Entra-authenticated telemetry (local auth is disabled on the component). Scoped to the component only.
resource metricsPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(applicationInsights.id, identity.id, roleIds.monitoringMetricsPublisher)
  scope: applicationInsights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.monitoringMetricsPublisher)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

output roleAssignmentIds array = [
  blobData.id
  queueData.id
  tableData.id
  metricsPublisher.id
]
