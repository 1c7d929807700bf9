#!/usr/bin/env bash
# Tests grant-graph-permissions.sh against a fake `az` that answers like Microsoft Graph and records every
# call: which app roles are assigned for which features, idempotence, --prune, --exchange-rbac, bad input;
# and a fake `azd` for --from-azd-env.
# No network, no Azure. Run by infra/scripts/lint.sh; prints "grant-graph-permissions: N passed, N failed".
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
script="$here/../grant-graph-permissions.sh"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

principal=aaaaaaaa-0000-0000-0000-000000000001
group=bbbbbbbb-0000-0000-0000-000000000002
graph_sp=cccccccc-0000-0000-0000-000000000003

# The fake az: Graph's app roles are "role-<Permission>"; FAKE_ASSIGNED holds "appRoleId<TAB>assignmentId" lines.
mkdir -p "$work/bin"
cat >"$work/bin/az" <<EOF
#!/usr/bin/env bash
printf '%s\n' "\$*" >>"$work/calls"
args="\$*"
case "\$args" in
  *"--method get"*"servicePrincipals(appId='00000003-0000-0000-c000-000000000000')"*) echo "$graph_sp" ;;
  *"--method get"*"servicePrincipals/$graph_sp?\\\$select=appRoles"*)
    for p in Mail.Read Mail.ReadBasic.All Calendars.Read Calendars.ReadWrite GroupMember.Read.All \
             MailboxSettings.Read Mail.Send User.Read.All User.ReadBasic.All CallRecords.Read.All Chat.Read.All; do
      printf '%s\t%s\n' "\$p" "role-\$p"
    done ;;
  *"--method get"*"servicePrincipals/$principal/appRoleAssignments"*) printf '%b' "\${FAKE_ASSIGNED:-}" ;;
  *"--method get"*"appRoleAssignments"*) echo "ERROR: Resource not found" >&2; exit 3 ;;
  *"--method post"*) echo '{}' ;;
  *"--method delete"*) ;;
  *) echo "fake az: unexpected call: \$args" >&2; exit 9 ;;
esac
EOF
chmod +x "$work/bin/az"

# The fake azd: `azd env get-values` prints FAKE_AZD_ENV (KEY="value" lines).
cat >"$work/bin/azd" <<EOF
#!/usr/bin/env bash
[ "\$*" = "env get-values" ] || { echo "fake azd: unexpected call: \$*" >&2; exit 9; }
printf '%b' "\${FAKE_AZD_ENV:-}"
EOF
chmod +x "$work/bin/azd"

passed=0
failed=0
run() { # run ARGS... : runs the script with the fake az, output in $out, exit code in $code
  : >"$work/calls"
  out="$(env -u AZURE_USER_ASSIGNED_IDENTITY_PRINCIPAL_ID -u OUTREACH_GRAPH_READ_MESSAGE_HEADERS \
    -u OUTREACH_MAILBOX_GROUP_ID -u OUTREACH_GRAPH_URL -u OUTREACH_INVITATIONS_AUTO_MODE -u OUTREACH_DIGEST_ENABLED -u OUTREACH_SOURCES PATH="$work/bin:$PATH" bash "$script" "$@" 2>&1)"
  code=$?
}
assigned() { # the permissions POSTed, sorted, space-separated
  grep -- '--method post' "$work/calls" | sed -E 's/.*"appRoleId":"role-([^"]+)".*/\1/' | sort | tr '\n' ' ' | sed 's/ $//'
}
removed() {
  grep -- '--method delete' "$work/calls" | sed -E 's#.*/appRoleAssignments/([^ ]+).*#\1#' | sort | tr '\n' ' ' | sed 's/ $//'
}
check() { # check NAME ACTUAL EXPECTED
  if [ "$2" = "$3" ]; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    printf 'FAIL %s\n  expected: %s\n  actual:   %s\n  output:\n%s\n' "$1" "$3" "$2" "$out" >&2
  fi
}

run --principal-id "$principal"
check "default: mail with headers and calendar" "$code $(assigned)" "0 Calendars.Read Mail.Read"

run --principal-id "$principal" --read-message-headers false
check "headers off: Mail.ReadBasic.All" "$code $(assigned)" "0 Calendars.Read Mail.ReadBasic.All"

run --principal-id "$principal" --mailbox-group-id "$group"
check "group: GroupMember.Read.All" "$code $(assigned)" "0 Calendars.Read GroupMember.Read.All Mail.Read"

run --principal-id "$principal" --invitations
check "invitations: Calendars.ReadWrite instead of Calendars.Read, MailboxSettings.Read, User.ReadBasic.All" \
  "$code $(assigned)" "0 Calendars.ReadWrite Mail.Read MailboxSettings.Read User.ReadBasic.All"

run --principal-id "$principal" --invitations --mailbox-settings --digest
check "invitations, mailbox settings (once) and digest" "$code $(assigned)" \
  "0 Calendars.ReadWrite Mail.Read Mail.Send MailboxSettings.Read User.ReadBasic.All"

run --principal-id "$principal" --mailbox-settings
check "mailbox settings alone" "$code $(assigned)" "0 Calendars.Read Mail.Read MailboxSettings.Read"

FAKE_AZD_ENV="AZURE_USER_ASSIGNED_IDENTITY_PRINCIPAL_ID=\"$principal\"\nOUTREACH_INVITATIONS_AUTO_MODE=\"true\"\nOTHER=\"x\"\n" run --from-azd-env
check "azd env, auto mode on: the invitation permissions" "$code $(assigned)" "0 Calendars.ReadWrite Mail.Read MailboxSettings.Read User.ReadBasic.All"

FAKE_AZD_ENV="AZURE_USER_ASSIGNED_IDENTITY_PRINCIPAL_ID=\"$principal\"\nOUTREACH_INVITATIONS_AUTO_MODE=\"false\"\n" run --from-azd-env
check "azd env, auto mode off: Calendars.Read" "$code $(assigned)" "0 Calendars.Read Mail.Read"

FAKE_AZD_ENV="AZURE_USER_ASSIGNED_IDENTITY_PRINCIPAL_ID=\"$principal\"\nOUTREACH_INVITATIONS_AUTO_MODE=\"sometimes\"\n" run --from-azd-env
check "azd env, bad auto mode: exit 2, assigns nothing" "$code $(assigned)" "2 "

run --principal-id "$principal" --invitations --exchange-rbac
check "exchange rbac, invitations: only User.ReadBasic.All in Entra" "$code $(assigned)" "0 User.ReadBasic.All"
check "exchange rbac, invitations: prints the Exchange roles" \
  "$(grep -c -e '^  Application Mail.Read$' -e '^  Application Calendars.ReadWrite$' -e '^  Application MailboxSettings.Read$' <<<"$out")" "3"

FAKE_ASSIGNED='role-Mail.Read\tassign-1\nrole-Calendars.Read\tassign-3\n' run --principal-id "$principal" --invitations --prune
check "invitations, prune: assigns the new roles" "$code $(assigned)" "0 Calendars.ReadWrite MailboxSettings.Read User.ReadBasic.All"
check "invitations, prune: removes Calendars.Read" "$(removed)" "assign-3"

run --principal-id "$principal" --mailbox-group-id "$group" --exchange-rbac
check "exchange rbac: only the directory permission in Entra" "$code $(assigned)" "0 GroupMember.Read.All"
check "exchange rbac: prints the Exchange roles" \
  "$(grep -c -e '^  Application Mail.Read$' -e '^  Application Calendars.Read$' <<<"$out")" "2"

run --principal-id "$principal" --read-message-headers false --exchange-rbac
check "exchange rbac, headers off: Application Mail.ReadBasic" "$(grep -c '^  Application Mail.ReadBasic$' <<<"$out")" "1"

FAKE_ASSIGNED='role-Mail.Read\tassign-1\nrole-User.Read.All\tassign-2\n' run --principal-id "$principal"
check "idempotent: an assigned role is not assigned again" "$code $(assigned)" "0 Calendars.Read"
check "without --prune nothing is removed" "$(removed)" ""

FAKE_ASSIGNED='role-Mail.Read\tassign-1\nrole-User.Read.All\tassign-2\n' run --principal-id "$principal" --read-message-headers false --prune
check "prune: assigns the new roles" "$code $(assigned)" "0 Calendars.Read Mail.ReadBasic.All"
check "prune: removes Mail.Read and User.Read.All" "$(removed)" "assign-1 assign-2"

run --principal-id "$principal" --graph-url https://graph.microsoft.us/
check "national cloud: every call goes to its Graph" \
  "$(grep -c 'https://graph.microsoft.us/v1.0/' "$work/calls") $(grep -c 'graph.microsoft.com' "$work/calls")" "5 0"

run --principal-id "$principal" --mailbox-group-id "$group" --dry-run
check "dry run: calls nothing" "$code $(wc -l <"$work/calls" | tr -d ' ')" "0 0"
check "dry run: prints the permissions" "$(grep -c -e '^  Mail.Read ' -e '^  Calendars.Read ' -e '^  GroupMember.Read.All ' <<<"$out")" "3"

# --prune must not silently switch the digest off: the azd environment's OUTREACH_DIGEST_ENABLED keeps Mail.Send,
# and without it the removal is named on stderr with the flag that would have kept it.
FAKE_AZD_ENV="AZURE_USER_ASSIGNED_IDENTITY_PRINCIPAL_ID=\"$principal\"\nOUTREACH_DIGEST_ENABLED=\"true\"\n" \
  FAKE_ASSIGNED='role-Mail.Read\tassign-1\nrole-Calendars.Read\tassign-3\nrole-Mail.Send\tassign-5\n' run --from-azd-env --prune
check "azd env, digest on, prune: Mail.Send kept" "$code $(removed)" "0 "

FAKE_AZD_ENV="AZURE_USER_ASSIGNED_IDENTITY_PRINCIPAL_ID=\"$principal\"\nOUTREACH_DIGEST_ENABLED=\"maybe\"\n" run --from-azd-env
check "azd env, bad digest flag: exit 2, assigns nothing" "$code $(assigned)" "2 "

FAKE_ASSIGNED='role-Mail.Read\tassign-1\nrole-Calendars.Read\tassign-3\nrole-Mail.Send\tassign-5\n' run --principal-id "$principal" --prune
check "prune without --digest: Mail.Send removed" "$code $(removed)" "0 assign-5"
check "prune without --digest: the removal is named with the flag" \
  "$(grep -c 'WARNING: --prune removes Mail.Send.*pass --digest' <<<"$out")" "1"

run --principal-id "$principal" --prune --dry-run
check "dry run, prune without --digest: warns, calls nothing" \
  "$code $(grep -c 'WARNING: --prune removes Mail.Send (if the identity holds it).*pass --digest' <<<"$out") $(wc -l <"$work/calls")" "0 1 0"

run --principal-id "$principal" --digest --prune --dry-run
check "dry run, prune with --digest: no Mail.Send warning" "$(grep -c 'removes Mail.Send' <<<"$out")" "0"

run --principal-id "$principal" --sources mail,calendar,teamsCalls,teamsChats
check "all sources: the Teams permissions and User.ReadBasic.All" "$code $(assigned)" \
  "0 Calendars.Read CallRecords.Read.All Chat.Read.All Mail.Read User.ReadBasic.All"
check "teamsChats: says Chat.Read.All is a protected API" "$(grep -c 'Chat.Read.All (application) is a protected API' <<<"$out")" "1"

run --principal-id "$principal" --sources mail,calendar
check "sources mail,calendar: exactly the default" "$code $(assigned)" "0 Calendars.Read Mail.Read"

run --principal-id "$principal" --sources teamsCalls --invitations
check "teamsCalls only, invitations: User.ReadBasic.All once, no mail" "$code $(assigned)" \
  "0 Calendars.ReadWrite CallRecords.Read.All MailboxSettings.Read User.ReadBasic.All"
check "teamsCalls only: no protected-API note" "$(grep -c 'protected API:' <<<"$out")" "0"

run --principal-id "$principal" --sources mail,teamsCalls --exchange-rbac
check "exchange rbac, teamsCalls: Teams permissions stay in Entra" "$code $(assigned)" "0 CallRecords.Read.All User.ReadBasic.All"

FAKE_AZD_ENV="AZURE_USER_ASSIGNED_IDENTITY_PRINCIPAL_ID=\"$principal\"\nOUTREACH_SOURCES=\"mail,calendar,teamsChats\"\n" run --from-azd-env
check "azd env sources: teamsChats" "$code $(assigned)" "0 Calendars.Read Chat.Read.All Mail.Read User.ReadBasic.All"

FAKE_ASSIGNED='role-Mail.Read\tassign-1\nrole-Calendars.Read\tassign-3\nrole-CallRecords.Read.All\tassign-7\n' run --principal-id "$principal" --prune
check "prune without teamsCalls: CallRecords.Read.All removed" "$code $(removed)" "0 assign-7"
check "prune without teamsCalls: the removal names --sources" \
  "$(grep -c 'WARNING: --prune removes CallRecords.Read.All.*--sources with teamsCalls' <<<"$out")" "1"

run --principal-id "$principal" --sources mail,teams
check "unknown source: exit 2, assigns nothing" "$code $(assigned)" "2 "

run --principal-id "$principal" --sources ","
check "no source: exit 2" "$code" "2"

run
check "no principal: exit 2" "$code" "2"

run --principal-id not-a-guid
check "bad principal id: exit 2" "$code" "2"

run --principal-id "$principal" --read-message-headers maybe
check "bad flag value: exit 2" "$code" "2"

run --principal-id dddddddd-0000-0000-0000-000000000004
check "unknown principal: fails, assigns nothing" "$([ "$code" -ne 0 ] && echo failed) $(assigned)" "failed "

echo "grant-graph-permissions: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
