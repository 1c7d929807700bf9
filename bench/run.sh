#!/usr/bin/env bash
# Issue 6 benchmark, everything in one run: builds in Release, starts Azurite (unless OUTREACH_TEST_STORAGE
# names a storage account nothing else is using: the fan-out clears the pipeline queues), runs every
# scenario and writes bench/results/results.{json,md} and scan-cost.png. Exits 1 when a goal is missed
# (goals fail the benchmark, not the unit tests). Extra arguments go to the benchmark, e.g.
#   bash bench/run.sh --messages 100000 --naive 100000 --extras none
set -euo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS
work="$(mktemp -d)"
azurite_pid=""

cleanup() {
  if [ -n "$azurite_pid" ]; then
    kill "$azurite_pid" 2>/dev/null || true
    wait "$azurite_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

azurite="$PWD/.tools/azurite/node_modules/.bin/azurite"
if [ -z "${OUTREACH_TEST_STORAGE:-}" ] && [ ! -x "$azurite" ]; then
  # Installed from the lock file while the benchmark builds.
  npm ci --prefix .tools/azurite --no-audit --no-fund --loglevel=error >"$work/npm.log" 2>&1 &
  npm_pid=$!
fi

dotnet build bench/Outreach.Benchmarks/Outreach.Benchmarks.csproj -c Release -nologo -v quiet

if [ -z "${OUTREACH_TEST_STORAGE:-}" ]; then
  if [ -n "${npm_pid:-}" ] && ! wait "$npm_pid"; then
    cat "$work/npm.log" >&2
    echo "npm ci in .tools/azurite failed (or set OUTREACH_TEST_STORAGE)." >&2
    exit 2
  fi
  # Three free ports, in memory, loopback only; stopped on exit.
  read -r blob queue table < <(node -e '
    const net = require("net");
    const servers = [0, 1, 2].map(() => net.createServer());
    Promise.all(servers.map(s => new Promise(ok => s.listen(0, "127.0.0.1", () => ok(s.address().port)))))
      .then(ports => { console.log(ports.join(" ")); servers.forEach(s => s.close()); });')
  (cd "$work" && exec "$azurite" --inMemoryPersistence --silent --skipApiVersionCheck --disableProductStyleUrl --disableTelemetry \
      --blobHost 127.0.0.1 --blobPort "$blob" --queueHost 127.0.0.1 --queuePort "$queue" \
      --tableHost 127.0.0.1 --tablePort "$table") >"$work/azurite.log" 2>&1 &
  azurite_pid=$!
  waited=0
  until listening "$blob" && listening "$queue" && listening "$table"; do
    if ! kill -0 "$azurite_pid" 2>/dev/null || [ "$waited" -ge 60 ]; then
      cat "$work/azurite.log" >&2
      echo "Azurite did not start on 127.0.0.1:$blob,$queue,$table." >&2
      exit 2
    fi
    sleep 0.5
    waited=$((waited + 1))
  done
  # Azurite's well-known development account key (public, the same in every Azurite).
  key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
  export OUTREACH_TEST_STORAGE="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$key;BlobEndpoint=http://127.0.0.1:$blob/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$queue/devstoreaccount1;TableEndpoint=http://127.0.0.1:$table/devstoreaccount1;"
  echo "Azurite (in memory) on 127.0.0.1: blob $blob, queue $queue, table $table" >&2
fi

status=0
bench/Outreach.Benchmarks/bin/Release/net10.0/Outreach.Benchmarks --out bench/results "$@" || status=$?
echo "bench/run.sh: $((SECONDS - started)) s in all (build and Azurite included); exit $status" >&2
exit "$status"
