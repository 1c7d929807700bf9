#!/usr/bin/env bash
# Issue 6 benchmark: builds in Release and runs every scenario once, writing bench/results/results.{json,md}.
# Exits non-zero when a goal is missed (goals fail the benchmark, not the unit tests). Extra arguments go
# to the benchmark, e.g. ./bench/run.sh --messages 100000 --naive 100000 --classify 1000000
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build bench/Outreach.Benchmarks/Outreach.Benchmarks.csproj -c Release -nologo -v quiet
exec bench/Outreach.Benchmarks/bin/Release/net10.0/Outreach.Benchmarks --out bench/results "$@"
