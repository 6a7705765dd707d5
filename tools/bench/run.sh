#!/usr/bin/env bash
# Runs the certificate benchmarks in Release and prints the machine they ran on; record the figures in docs/benchmarks.md.
#   tools/bench/run.sh                   CPU per certificate, then every BenchmarkDotNet benchmark
#   tools/bench/run.sh --filter '*PDF*'  extra arguments go to BenchmarkDotNet
set -euo pipefail
cd "$(dirname "$0")/../.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

echo "== Machine"
echo "nproc: $(nproc)"
echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
echo "dotnet: $(dotnet --version)"

project=tools/bench/TrainingHub.Bench/TrainingHub.Bench.csproj
dotnet build "$project" -c Release -nologo -v quiet

echo "== CPU per certificate PDF"
dotnet run --project "$project" -c Release --no-build -- --cpu-per-certificate 1000

echo "== 1,000 certificates through Hangfire"
dotnet run --project "$project" -c Release --no-build -- --hangfire-certificates 1000 2

echo "== BenchmarkDotNet"
if [ $# -eq 0 ]; then set -- --filter '*'; fi
dotnet run --project "$project" -c Release --no-build -- "$@"
