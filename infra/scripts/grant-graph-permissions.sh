#!/usr/bin/env bash
# Grants the Outreach function app's user-assigned managed identity exactly the Microsoft Graph application
# permissions (app roles) that its enabled features need, and prints them. Idempotent: roles already
# assigned are left alone; --prune removes every other Graph app role the identity holds.
#
# Needs the Azure CLI signed in (az login) as someone allowed to grant application permissions:
# Privileged Role Administrator, or Cloud Application Administrator plus admin consent rights.
# Managed identities cannot be granted Graph permissions in the portal; this is the supported way
# (POST /servicePrincipals/{id}/appRoleAssignments).
#
# Permissions per feature (least privilege):
#   scan mail, headers read (Outreach__Graph__ReadMessageHeaders=true, default)  Mail.Read
#   scan mail, headers off  (Outreach__Graph__ReadMessageHeaders=false)          Mail.ReadBasic.All
#   scan calendar                                                                 Calendars.Read
#   weekly run over a group (Outreach__Pipeline__MailboxGroupId set)              GroupMember.Read.All
#   invitations: POST /api/invitations, or auto mode                              Calendars.ReadWrite (instead of Calendars.Read),
#     (--invitations; implied by Outreach__Invitations__AutoMode=true)               MailboxSettings.Read (working hours, time zone),
#                                                                                 User.ReadBasic.All (the owner's display name)
#   weekly digest e-mail (--digest; Outreach__Digest__Enabled=true)               Mail.Send
#   sources (--sources; Outreach__Sources, default mail,calendar):
#     mail                                                                        the Mail.* permission above
#     calendar                                                                    Calendars.Read (Calendars.ReadWrite with invitations)
#     teamsCalls  Teams call records (tenant-wide, application-only)             CallRecords.Read.All, User.ReadBasic.All
#     teamsChats  the owners' small Teams chats                                   Chat.Read.All, User.ReadBasic.All
#   User.ReadBasic.All maps Teams participants and chat members (directory ids) to addresses: mail and UPN are
#   in the basic profile, so User.Read.All is not needed. Chat.Read.All is a protected API: Microsoft must approve
#   the app before it returns data (https://learn.microsoft.com/graph/teams-protected-apis).
#
# With --exchange-rbac the mailbox permissions (Mail.*, Calendars.*, MailboxSettings.*) are NOT granted in
# Entra ID: an Exchange admin grants them scoped to a group of mailboxes with RBAC for Applications
# (infra/README.md), and this script grants only the directory permissions (GroupMember.Read.All,
# User.ReadBasic.All) and prints the Exchange roles.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: infra/scripts/grant-graph-permissions.sh [options]

  --principal-id ID             the managed identity's principal (object) id
                                (default: $AZURE_USER_ASSIGNED_IDENTITY_PRINCIPAL_ID)
  --from-azd-env                take the defaults below from `azd env get-values` (the provisioned environment)
  --read-message-headers BOOL   true: Mail.Read (default); false: Mail.ReadBasic.All
                                (default: $OUTREACH_GRAPH_READ_MESSAGE_HEADERS, else true)
  --mailbox-group-id ID         the group the weekly run scans; adds GroupMember.Read.All
                                (default: $OUTREACH_MAILBOX_GROUP_ID)
  --invitations                 send meeting invitations (POST /api/invitations, auto mode): Calendars.ReadWrite
                                instead of Calendars.Read, MailboxSettings.Read, User.ReadBasic.All
                                (default: on when $OUTREACH_INVITATIONS_AUTO_MODE is true)
  --mailbox-settings            MailboxSettings.Read alone (--invitations includes it)
  --digest                      send a digest e-mail: Mail.Send
                                (default: on when $OUTREACH_DIGEST_ENABLED is true)
  --sources LIST                what the scans read, comma-separated: mail, calendar, teamsCalls, teamsChats
                                (default: $OUTREACH_SOURCES, else mail,calendar); teamsCalls adds
                                CallRecords.Read.All, teamsChats Chat.Read.All (a protected API), both User.ReadBasic.All
  --exchange-rbac               mailbox permissions come from Exchange RBAC for Applications (scoped to
                                some mailboxes): grant only directory permissions, print the Exchange roles
  --prune                       remove the identity's other Microsoft Graph app roles; a role an
                                unrequested feature needs is named with the flag that keeps it
  --graph-url URL               Microsoft Graph root for this cloud
                                (default: $OUTREACH_GRAPH_URL, else https://graph.microsoft.com)
  --dry-run                     print the permissions and the plan; change nothing, call nothing
  -h, --help                    this text
EOF
}

die() { echo "grant-graph-permissions: $*" >&2; exit 2; }

# Microsoft Graph's application (client) id, the same in every tenant.
readonly GRAPH_APP_ID=00000003-0000-0000-c000-000000000000

from_azd_env=false
for arg in "$@"; do [ "$arg" = --from-azd-env ] && from_azd_env=true; done
if $from_azd_env; then
  command -v azd >/dev/null 2>&1 || die "--from-azd-env needs the Azure Developer CLI (azd)"
  # KEY="value" lines; read them as data, never evaluate them.
  while IFS= read -r line; do
    key="${line%%=*}"
    value="${line#*=}"
    value="${value#\"}"
    value="${value%\"}"
    case "$key" in
      AZURE_USER_ASSIGNED_IDENTITY_PRINCIPAL_ID | OUTREACH_GRAPH_READ_MESSAGE_HEADERS | OUTREACH_MAILBOX_GROUP_ID | OUTREACH_GRAPH_URL \
        | OUTREACH_INVITATIONS_AUTO_MODE | OUTREACH_DIGEST_ENABLED | OUTREACH_SOURCES)
        export "$key=$value" ;;
    esac
  done < <(azd env get-values)
fi

principal_id="${AZURE_USER_ASSIGNED_IDENTITY_PRINCIPAL_ID:-}"
read_headers="${OUTREACH_GRAPH_READ_MESSAGE_HEADERS:-true}"
group_id="${OUTREACH_MAILBOX_GROUP_ID:-}"
graph_url="${OUTREACH_GRAPH_URL:-https://graph.microsoft.com}"
auto_mode="${OUTREACH_INVITATIONS_AUTO_MODE:-false}"
digest_enabled="${OUTREACH_DIGEST_ENABLED:-false}"
sources="${OUTREACH_SOURCES:-mail,calendar}"
invitations=false
mailbox_settings=false
digest=false
exchange_rbac=false
prune=false
dry_run=false

while [ $# -gt 0 ]; do
  case "$1" in
    --principal-id) [ $# -ge 2 ] || die "$1 needs a value"; principal_id="$2"; shift 2 ;;
    --read-message-headers) [ $# -ge 2 ] || die "$1 needs a value"; read_headers="$2"; shift 2 ;;
    --mailbox-group-id) [ $# -ge 2 ] || die "$1 needs a value"; group_id="$2"; shift 2 ;;
    --graph-url) [ $# -ge 2 ] || die "$1 needs a value"; graph_url="$2"; shift 2 ;;
    --sources) [ $# -ge 2 ] || die "$1 needs a value"; sources="$2"; shift 2 ;;
    --invitations) invitations=true; shift ;;
    --mailbox-settings) mailbox_settings=true; shift ;;
    --digest) digest=true; shift ;;
    --exchange-rbac) exchange_rbac=true; shift ;;
    --prune) prune=true; shift ;;
    --dry-run) dry_run=true; shift ;;
    --from-azd-env) shift ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die "unknown option: $1" ;;
  esac
done

case "$(printf '%s' "$read_headers" | tr '[:upper:]' '[:lower:]')" in
  true | 1 | yes) read_headers=true ;;
  false | 0 | no) read_headers=false ;;
  *) die "--read-message-headers must be true or false, not '$read_headers'" ;;
esac
case "$(printf '%s' "$auto_mode" | tr '[:upper:]' '[:lower:]')" in
  true | 1 | yes) invitations=true ;; # auto mode sends invitations
  false | 0 | no | '') ;;
  *) die "OUTREACH_INVITATIONS_AUTO_MODE must be true or false, not '$auto_mode'" ;;
esac
case "$(printf '%s' "$digest_enabled" | tr '[:upper:]' '[:lower:]')" in
  true | 1 | yes) digest=true ;; # the digest is on in the deployed settings: keep Mail.Send
  false | 0 | no | '') ;;
  *) die "OUTREACH_DIGEST_ENABLED must be true or false, not '$digest_enabled'" ;;
esac
graph_url="${graph_url%/}"
# Sources: names as Outreach__Sources spells them (case-insensitive), at least one.
source_mail=false; source_calendar=false; source_calls=false; source_chats=false
IFS=',' read -r -a source_list <<<"$sources"
for name in "${source_list[@]}"; do
  name="${name// /}"
  case "$(printf '%s' "$name" | tr '[:upper:]' '[:lower:]')" in
    mail) source_mail=true ;;
    calendar) source_calendar=true ;;
    teamscalls) source_calls=true ;;
    teamschats) source_chats=true ;;
    '') ;;
    *) die "--sources takes mail, calendar, teamsCalls and teamsChats, not '$name'" ;;
  esac
done
$source_mail || $source_calendar || $source_calls || $source_chats || die "--sources needs at least one of mail, calendar, teamsCalls, teamsChats"
uuid='^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'
[ -n "$principal_id" ] || die "no principal id: pass --principal-id, --from-azd-env, or set AZURE_USER_ASSIGNED_IDENTITY_PRINCIPAL_ID"
[[ "$principal_id" =~ $uuid ]] || die "--principal-id must be an object id (GUID), not '$principal_id'"
[ -z "$group_id" ] || [[ "$group_id" =~ $uuid ]] || die "--mailbox-group-id must be a group object id (GUID), not '$group_id'"

readonly TAB=$'\t'
# The permissions, as "Permission<TAB>why" lines; mailbox permissions are marked so --exchange-rbac can move them.
graph_permissions=()   # granted in Entra ID
exchange_roles=()      # granted in Exchange Online (--exchange-rbac)
reasons=()
need() { # need PERMISSION MAILBOX(true|false) WHY; a permission two features need is listed once
  local line
  for line in "${reasons[@]}"; do [ "${line%%"$TAB"*}" = "$1" ] && return 0; done
  if [ "$2" = true ] && $exchange_rbac; then
    exchange_roles+=("Application ${1%.All}")
  else
    graph_permissions+=("$1")
  fi
  reasons+=("$1${TAB}$3")
}
if $source_mail; then
  if $read_headers; then
    need Mail.Read true "scan mail with the automated-sender headers (ReadMessageHeaders=true)"
  else
    need Mail.ReadBasic.All true "scan mail envelopes only (ReadMessageHeaders=false)"
  fi
fi
if $invitations; then
  need Calendars.ReadWrite true "scan the calendar, find free slots and send invitations"
  need MailboxSettings.Read true "read the owner's working hours and time zone (invitations)"
  need User.ReadBasic.All false "read the owner's display name (invitations)"
else
  $source_calendar && need Calendars.Read true "scan the calendar"
  $mailbox_settings && need MailboxSettings.Read true "read working hours and time zone"
fi
# Teams is not a mailbox: Exchange RBAC for Applications does not cover it, so these are always Entra ID grants.
$source_calls && need CallRecords.Read.All false "read Teams call records (source teamsCalls; tenant-wide, kept 30 days)"
$source_chats && need Chat.Read.All false "read the owners' small Teams chats (source teamsChats; protected API)"
if $source_calls || $source_chats; then
  need User.ReadBasic.All false "map Teams participants and chat members to addresses (teamsCalls, teamsChats)"
fi
$digest && need Mail.Send true "send the digest e-mail"
[ -n "$group_id" ] && need GroupMember.Read.All false "list the members of group $group_id for the weekly run"

echo "Microsoft Graph application permissions for principal $principal_id:"
for line in "${reasons[@]}"; do printf '  %-22s %s\n' "${line%%"$TAB"*}" "${line#*"$TAB"}"; done
if $source_chats; then
  echo "NOTE: Chat.Read.All (application) is a protected API: until Microsoft approves this app's request, chat reads"
  echo "      return nothing or 403. Request access: https://learn.microsoft.com/graph/teams-protected-apis"
fi
if $exchange_rbac; then
  echo "Granted in Entra ID (tenant-wide): ${graph_permissions[*]:-none}"
  echo "Granted by an Exchange admin, scoped to the Outreach mailboxes (RBAC for Applications, infra/README.md):"
  for role in "${exchange_roles[@]}"; do echo "  $role"; done
fi

# The flag that keeps a permission --prune would otherwise remove, so a feature is never switched off silently.
kept_by() {
  case "$1" in
    Mail.Send) echo "--digest (Outreach__Digest__Enabled=true)" ;;
    Calendars.ReadWrite) echo "--invitations (POST /api/invitations, auto mode)" ;;
    User.ReadBasic.All) echo "--invitations (POST /api/invitations, auto mode) or --sources with teamsCalls or teamsChats" ;;
    CallRecords.Read.All) echo "--sources with teamsCalls (Outreach__Sources)" ;;
    Chat.Read.All) echo "--sources with teamsChats (Outreach__Sources)" ;;
    MailboxSettings.Read) echo "--invitations or --mailbox-settings" ;;
    GroupMember.Read.All) echo "--mailbox-group-id (the weekly run over a group)" ;;
    *) ;;
  esac
}
warn_prune() { # warn_prune PERMISSION [QUALIFIER]: to stderr, loud, naming the flag
  local flag
  flag="$(kept_by "$1")"
  [ -n "$flag" ] && echo "WARNING: --prune removes $1${2:-}; the feature that needs it stops working. To keep it, pass $flag." >&2
  return 0
}

if $dry_run; then
  echo "Dry run: nothing changed. Would assign in $graph_url: ${graph_permissions[*]:-nothing}$($prune && echo '; and remove any other Graph app role')"
  if $prune; then
    for permission in Mail.Send Calendars.ReadWrite MailboxSettings.Read User.ReadBasic.All GroupMember.Read.All CallRecords.Read.All Chat.Read.All; do
      wanted=false
      for p in "${graph_permissions[@]}"; do [ "$p" = "$permission" ] && wanted=true; done
      $wanted || $exchange_rbac || warn_prune "$permission" " (if the identity holds it)"
    done
  fi
  exit 0
fi

command -v az >/dev/null 2>&1 || die "the Azure CLI (az) is required; sign in with az login"

graph_sp_id="$(az rest --method get --url "$graph_url/v1.0/servicePrincipals(appId='$GRAPH_APP_ID')" --query id -o tsv)"
[ -n "$graph_sp_id" ] || die "Microsoft Graph's service principal was not found in this tenant"

# "Permission<TAB>app role id" for every application permission Graph offers.
app_roles="$(az rest --method get --url "$graph_url/v1.0/servicePrincipals/$graph_sp_id?\$select=appRoles" \
  --query "appRoles[?contains(allowedMemberTypes, 'Application')].[value, id]" -o tsv)"
role_id() { awk -F '\t' -v p="$1" '$1 == p { print $2; exit }' <<<"$app_roles"; }

# "app role id<TAB>assignment id" for the Graph roles the identity holds now.
assigned="$(az rest --method get --url "$graph_url/v1.0/servicePrincipals/$principal_id/appRoleAssignments" \
  --query "value[?resourceId=='$graph_sp_id'].[appRoleId, id]" -o tsv)" \
  || die "could not read the app role assignments of $principal_id (is it the identity's principal id, and may you read it?)"

wanted_ids=()
for permission in "${graph_permissions[@]}"; do
  id="$(role_id "$permission")"
  [ -n "$id" ] || die "Microsoft Graph has no application permission named $permission"
  wanted_ids+=("$id")
  if awk -F '\t' -v r="$id" '$1 == r { found = 1 } END { exit !found }' <<<"$assigned"; then
    echo "= $permission (already assigned)"
    continue
  fi
  az rest --method post --url "$graph_url/v1.0/servicePrincipals/$principal_id/appRoleAssignments" \
    --headers Content-Type=application/json \
    --body "{\"principalId\":\"$principal_id\",\"resourceId\":\"$graph_sp_id\",\"appRoleId\":\"$id\"}" >/dev/null
  echo "+ $permission (assigned)"
done

if $prune; then
  while IFS=$'\t' read -r role assignment; do
    [ -n "$role" ] || continue
    keep=false
    for id in "${wanted_ids[@]}"; do [ "$id" = "$role" ] && keep=true; done
    $keep && continue
    name="$(awk -F '\t' -v r="$role" '$2 == r { print $1; exit }' <<<"$app_roles")"
    warn_prune "${name:-$role}"
    az rest --method delete --url "$graph_url/v1.0/servicePrincipals/$principal_id/appRoleAssignments/$assignment" >/dev/null
    echo "- ${name:-$role} (removed: not needed)"
  done <<<"$assigned"
fi

echo "Done. Tokens issued before this change keep their old roles for up to 24 hours (managed identity token cache)."
