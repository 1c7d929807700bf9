#!/usr/bin/env bash
# Runs the whole test suite: builds warning-free (warnings are errors), starts what the tests need,
# runs every test project, and prints one closing line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"

configuration="${CONFIGURATION:-Release}"
results="$(mktemp -d)"
trap 'rm -rf "$results"' EXIT

dotnet build Outreach.sln -c "$configuration" -nologo -v quiet

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
