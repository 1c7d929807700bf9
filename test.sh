#!/usr/bin/env bash
# Runs the whole test suite: builds warning-free (warnings are errors), starts what the tests need,
# runs every test project, and prints one closing line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"

configuration="${CONFIGURATION:-Release}"
results="$(mktemp -d)"
azurite_pid=""
azurite_install=""

cleanup() {
  [ -z "$azurite_install" ] || kill "$azurite_install" 2>/dev/null
  if [ -n "$azurite_pid" ]; then
    kill "$azurite_pid" 2>/dev/null
    wait "$azurite_pid" 2>/dev/null
  fi
  rm -rf "$results"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# True when something accepts connections on 127.0.0.1:$1.
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Azurite, the Azure Storage emulator the storage tests run against: installed from
# .tools/azurite/package-lock.json (while the solution builds), bound to 127.0.0.1 only, in memory,
# stopped on exit. Its usual ports (10000-10002) when free, else three free ones; either way
# OUTREACH_TEST_STORAGE tells the tests where. A caller that sets OUTREACH_TEST_STORAGE (e.g. to a real
# account) gets no Azurite.
azurite_tool=.tools/azurite
azurite="$PWD/$azurite_tool/node_modules/.bin/azurite"

install_azurite() {
  [ -x "$azurite" ] && return 0
  if ! command -v npm >/dev/null 2>&1; then
    echo "Azurite needs Node.js and npm, which are not on PATH (or set OUTREACH_TEST_STORAGE to a storage connection string)." >&2
    return 1
  fi
  echo "Installing Azurite ($azurite_tool)..."
  npm ci --prefix "$azurite_tool" --no-audit --no-fund --loglevel=error >"$results/npm.log" 2>&1 \
    || { cat "$results/npm.log" >&2; echo "npm ci in $azurite_tool failed." >&2; return 1; }
}

start_azurite() {
  local blob=10000 queue=10001 table=10002
  if listening $blob || listening $queue || listening $table; then
    read -r blob queue table < <(node -e '
      const net = require("net");
      const servers = [0, 1, 2].map(() => net.createServer());
      Promise.all(servers.map(s => new Promise(ok => s.listen(0, "127.0.0.1", () => ok(s.address().port)))))
        .then(ports => { console.log(ports.join(" ")); servers.forEach(s => s.close()); });')
  fi

  (cd "$results" && exec "$azurite" \
      --inMemoryPersistence --silent --skipApiVersionCheck --disableProductStyleUrl --disableTelemetry \
      --blobHost 127.0.0.1 --blobPort "$blob" --queueHost 127.0.0.1 --queuePort "$queue" \
      --tableHost 127.0.0.1 --tablePort "$table") >"$results/azurite.log" 2>&1 &
  azurite_pid=$!

  local waited=0
  until listening "$blob" && listening "$queue" && listening "$table"; do
    if ! kill -0 "$azurite_pid" 2>/dev/null || [ "$waited" -ge 60 ]; then
      cat "$results/azurite.log" >&2
      echo "Azurite did not start listening on 127.0.0.1:$blob,$queue,$table within 30 s (log above)." >&2
      return 1
    fi
    sleep 0.5
    waited=$((waited + 1))
  done

  # Azurite's well-known development account (public, the same in every Azurite).
  local key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
  export OUTREACH_TEST_STORAGE="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$key;BlobEndpoint=http://127.0.0.1:$blob/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$queue/devstoreaccount1;TableEndpoint=http://127.0.0.1:$table/devstoreaccount1;"
  echo "Azurite (in memory) on 127.0.0.1: blob $blob, queue $queue, table $table"
}

# Debian packages a fresh machine lacks: Node.js/npm (Azurite runs on it) and chromium with its
# chromedriver (the review page's browser tests; Debian's two come from one build, so no driver download).
# Installed with apt-get when running as root (or with passwordless sudo); otherwise the message names the
# command. OUTREACH_CHROMIUM/OUTREACH_CHROMEDRIVER point the browser tests at another browser (as the
# GitHub workflow does) and skip the install.
apt_install() {
  local apt=""
  if [ "$(id -u)" -eq 0 ]; then apt="apt-get"
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then apt="sudo apt-get"
  else
    echo "Missing: $*. Install them with: sudo apt-get install -y $*" >&2
    return 1
  fi
  echo "Installing $* from Debian..."
  { $apt update -qq && DEBIAN_FRONTEND=noninteractive $apt install -y -qq "$@"; } \
    >"$results/apt.log" 2>&1 || { cat "$results/apt.log" >&2; echo "apt-get install $* failed." >&2; return 1; }
}

missing=()
if [ -z "${OUTREACH_TEST_STORAGE:-}" ] && ! command -v npm >/dev/null 2>&1; then missing+=(nodejs npm); fi
if [ -z "${OUTREACH_CHROMIUM:-}" ] && [ ! -x /usr/bin/chromium ]; then missing+=(chromium); fi
if [ -z "${OUTREACH_CHROMEDRIVER:-}" ] && [ ! -x /usr/bin/chromedriver ]; then missing+=(chromium-driver); fi
if [ "${#missing[@]}" -gt 0 ]; then apt_install "${missing[@]}" || exit 1; fi

use_azurite=0
[ -n "${OUTREACH_TEST_STORAGE:-}" ] || use_azurite=1
if [ "$use_azurite" -eq 1 ]; then
  install_azurite &
  azurite_install=$!
fi

dotnet build Outreach.sln -c "$configuration" -nologo -v quiet || exit 1

# Compile and lint the Bicep (warnings are errors). It writes infra/.build/main.json, which the
# app-settings test compares with the options the code reads.
bash infra/scripts/lint.sh || exit 1

if [ "$use_azurite" -eq 1 ]; then
  wait "$azurite_install" || exit 1
  start_azurite || exit 1
fi

status=0
dotnet test Outreach.sln -c "$configuration" --no-build -nologo 2>&1 | tee "$results/test.log" || status=$?

# One closing line that any reader understands, summed over the test projects.
awk '/^(Passed|Failed)!/ {
       for (i = 1; i <= NF; i++) {
         if ($i == "Failed:") failed += $(i + 1) + 0
         if ($i == "Passed:") passed += $(i + 1) + 0
         if ($i == "Skipped:") skipped += $(i + 1) + 0
       }
     }
     END { printf "tests: %d passed, %d failed, %d skipped\n", passed, failed, skipped }' "$results/test.log" \
  | tee "$results/summary"
# No test run at all, or any failure, is a failure even if dotnet test said otherwise.
grep -q "^tests: [1-9][0-9]* passed, 0 failed" "$results/summary" || [ "$status" -ne 0 ] || status=1
[ "$status" -eq 0 ] || { echo "tests failed (exit $status)" >&2; exit "$status"; }
