#!/usr/bin/env bash
# The test command: installs what the tests need on a fresh Debian machine, then runs the content linter and every suite.
#   tools/test.sh            everything
#   tools/test.sh --fast     skip the browser suite, the two-node test and the tests marked [Trait("Speed", "Slow")] (for quick local runs; CI runs everything)
# The tests use SQLite files; TRAININGHUB_TEST_PROVIDER=PostgreSql with TRAININGHUB_TEST_CONNECTION points their template
# database at a server instead (tests/TrainingHub.Testing/TestDatabase.cs), a seam not yet run in CI.
set -euo pipefail
cd "$(dirname "$0")/.."

fast=false
[ "${1:-}" = "--fast" ] && fast=true

# Debian packages the suites use: chromium (browser tests), fonts (PDF and page rendering),
# poppler-utils (pdftotext reads PDFs back), zbar-tools (zbarimg decodes QR codes).
tools/debian-packages.sh chromium fonts-dejavu-core poppler-utils zbar-tools

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
echo "== Restoring tools and packages"
dotnet tool restore >/dev/null
dotnet restore TrainingHub.sln >/dev/null

echo "== Building (warnings are errors)"
dotnet build TrainingHub.sln -c Release --no-restore -nologo -v quiet

echo "== Content linter"
dotnet run --project tools/TrainingHub.Cli -c Release --no-build -- lint-content

suites=(tests/TrainingHub.Tests tests/TrainingHub.Web.Tests)
filter=()
if $fast; then
  filter=(--filter "Speed!=Slow")
else
  suites+=(tests/TrainingHub.Browser.Tests)
fi
for suite in "${suites[@]}"; do
  echo "== $suite"
  dotnet test "$suite" -c Release --no-build -nologo --logger "console;verbosity=minimal" "${filter[@]}"
done
if ! $fast; then
  # Two site processes behind nginx on one PostgreSQL database (its own server from TRAININGHUB_TEST_CONNECTION, or a throwaway one).
  tests/TrainingHub.Cluster.Tests/run.sh --no-build
fi
echo "== All suites passed"
