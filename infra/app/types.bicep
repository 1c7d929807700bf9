// The app's own settings (the Outreach__* options the code binds), passed from main.bicep to functions.bicep.
// Each field becomes one app setting; see src/*/...Options.cs for meaning, defaults and ranges.

@export()
@description('Section Outreach:Pipeline (PipelineOptions) and the weekly schedule.')
type PipelineSettings = {
  @description('NCRONTAB schedule of the weekly run (OUTREACH_WEEKLY_SCHEDULE).')
  weeklySchedule: string
  @description('Mailboxes (user principal names) scanned every week: Outreach__Pipeline__Mailboxes__0, __1, ...')
  mailboxes: string[]
  @description('Entra group whose transitive user members are scanned every week; empty for none.')
  mailboxGroupId: string
  maxMailboxesPerRequest: int
  enqueueParallelism: int
  mailboxLockDuration: string
  lockedRetryDelay: string
}

@export()
@description('Section Outreach:Policy (WarmthPolicyOptions).')
type PolicySettings = {
  meetingLookbackDays: int
  scheduledLookaheadDays: int
  maxMeetingParticipants: int
  voiceCountsAsMet: bool
  textLookbackDays: int
  minTextTouchpoints: int
  requireReciprocity: bool
  recentTextDays: int
  internalDomains: string[]
  doNotContact: string[]
  @description('Added to the built-in list of role-address local parts (noreply, ...), not replacing it.')
  automatedLocalParts: string[]
}

@export()
@description('Section Outreach:Scan (ScanOptions).')
type ScanSettings = {
  @description('A TimeSpan, e.g. 00:00:05.')
  checkpointInterval: string
  calendarWindowSlackDays: int
  @description('Contacts with no email within this many days are removed from the stored state.')
  retentionDays: int
  @description('Outreach:Sources (issue 13): mail, calendar, teamsCalls, teamsChats, comma-separated.')
  sources: string
}

@export()
@description('Section Outreach:Invitations (InvitationOptions).')
type InvitationSettings = {
  cooldownDays: int
  declinedCooldownDays: int
  maxContactsPerRequest: int
  defaultDurationMinutes: int
  @description('Empty: not set (a request must name the location of an in-person meeting).')
  defaultLocation: string
  @description('Empty: not set (no signature under the owner\'s name).')
  ownerSignature: string
  autoMode: bool
  autoModeMaxPerMailbox: int
  @description('InvitationMode as the configuration binder reads it: the enum member name.')
  autoModeMode: 'Video' | 'InPerson'
}

@export()
@description('Section Outreach:Digest (DigestOptions) without the keys, which are secure parameters of their own.')
type DigestSettings = {
  enabled: bool
  topN: int
  reviewLinkValidityDays: int
  snoozeDays: int
  @description('Empty: https://<app name>.azurewebsites.net.')
  publicBaseUrl: string
  @description('Empty: the key comes from the digestSigningKey parameter.')
  signingKeySecretUri: string
}

@export()
@description('Section Outreach:Invitations:Slots (SlotOptions).')
type SlotSettings = {
  @description('A TimeSpan, e.g. 02:00:00.')
  leadTime: string
  horizonDays: int
  granularityMinutes: int
  @description('A TimeSpan, e.g. 00:15:00.')
  buffer: string
}

@export()
@description('Section Outreach:Graph (GraphOptions) for the managed identity; auth, client id, tenant and authority come from the deployment.')
type GraphSettings = {
  @description('Graph root, e.g. https://graph.microsoft.com/v1.0.')
  baseUrl: string
  pageSize: int
  listPageSize: int
  maxConcurrentRequestsPerMailbox: int
  maxRetries: int
  retryDelaySeconds: int
  readMessageHeaders: bool
  readEventBodies: bool
}
