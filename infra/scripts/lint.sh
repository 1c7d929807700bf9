#!/usr/bin/env bash
# Lints the infrastructure, offline, warnings as errors:
#   1. restores the Bicep CLI from NuGet (Azure.Bicep.CommandLine.linux-x64, infra/tools/bicep.csproj) if missing;
#   2. compiles infra/main.bicep to infra/.build/main.json, which
#      tests/Outreach.Functions.Tests/Infra/AppSettingsTests.cs compares with the app's options classes;
#   3. lints every .bicep file with infra/bicepconfig.json; any warning or error fails;
#   4. tests infra/scripts/grant-graph-permissions.sh against a fake az, and runs ShellCheck on the
#      scripts where it is installed (bash -n elsewhere).
# Usage: bash infra/scripts/lint.sh        (from anywhere; exits non-zero on any finding)
set -euo pipefail
cd "$(dirname "$0")/../.."

started=$SECONDS
version="$(sed -n 's:.*"Azure.Bicep.CommandLine.linux-x64" Version="\[\([^]]*\)\]".*:\1:p' infra/tools/bicep.csproj)"
[ -n "$version" ] || { echo "lint: no Azure.Bicep.CommandLine.linux-x64 version in infra/tools/bicep.csproj" >&2; exit 1; }
bicep="infra/.build/packages/azure.bicep.commandline.linux-x64/$version/tools/bicep"
if [ ! -f "$bicep" ]; then
  echo "lint: restoring Bicep CLI $version from NuGet"
  dotnet restore infra/tools/bicep.csproj -nologo -v quiet
fi
chmod +x "$bicep"
export DOTNET_CLI_TELEMETRY_OPTOUT=1

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
status=0

# Compile: the template azd deploys, and what the app-settings test reads.
mkdir -p infra/.build
rm -f infra/.build/main.json
"$bicep" build infra/main.bicep --outfile infra/.build/main.json >>"$log" 2>&1 || status=1

# Lint every file in one process (a file's own diagnostics are reported only when it is linted itself).
mapfile -t files < <(find infra -name '*.bicep' -not -path 'infra/.build/*' | sort)
"$bicep" lint --pattern 'infra/**/*.bicep' --no-restore >>"$log" 2>&1 || status=1

# Bicep prints "path(line,col) : Warning|Error code: message"; both fail the lint.
if grep -Eq ' : (Warning|Error) ' "$log"; then status=1; fi
cat "$log"

bash infra/scripts/tests/grant-graph-permissions.test.sh || status=1

if command -v shellcheck >/dev/null 2>&1; then
  shellcheck infra/scripts/*.sh infra/scripts/tests/*.sh || status=1
else
  echo "lint: shellcheck not installed; shell scripts were only syntax-checked"
  for script in infra/scripts/*.sh infra/scripts/tests/*.sh; do bash -n "$script" || status=1; done
fi

if [ "$status" -ne 0 ]; then
  echo "lint: FAILED (${#files[@]} Bicep files, $((SECONDS - started)) s)" >&2
  exit 1
fi
echo "lint: ${#files[@]} Bicep files clean, infra/.build/main.json written ($((SECONDS - started)) s)"
