#!/usr/bin/env bash
# The test command: installs what the tests need on a fresh Debian machine, then runs the content linter and every suite.
#   tools/test.sh            everything: the suites on SQLite, the browser suite, then the feature and HTTP suites again on
#                            a throwaway PostgreSQL server (tools/postgres-cluster.sh)
#                            and the two-node test (two site processes behind nginx on that server)
#   tools/test.sh --fast     SQLite only, without the browser suite, the two-node test and the tests marked
#                            [Trait("Speed", "Slow")] (for quick local runs; CI runs everything)
# TRAININGHUB_TEST_PROVIDER=PostgreSql with TRAININGHUB_TEST_CONNECTION points the tests' template database at a server
# (tests/TrainingHub.Testing/TestDatabase.cs); the PostgreSQL pass sets both.
set -euo pipefail
cd "$(dirname "$0")/.."

fast=false
[ "${1:-}" = "--fast" ] && fast=true

# Debian packages the suites use: chromium (browser tests), fonts (PDF and page rendering),
# poppler-utils (pdftotext reads PDFs back), zbar-tools (zbarimg decodes QR codes), qpdf (checks PDF syntax and streams).
# nodejs: runs the third-party credential verifiers in tools/verifiers (ADR 0017).
# postgresql: the server of the second pass (--fast has no such pass).
packages=(chromium fonts-dejavu-core poppler-utils zbar-tools nodejs qpdf)
$fast || packages+=(postgresql)
tools/debian-packages.sh "${packages[@]}"

# The credential verifiers the tests run (jose, ajv with the 1EdTech schema, the DCC verifier-core), at the versions
# in tools/verifiers/package-lock.json. npm ships with the machine's Node.js; Debian's own npm package is older.
echo "== Installing the credential verifiers (npm ci)"
command -v npm >/dev/null || tools/debian-packages.sh npm
(cd tools/verifiers && npm ci --no-audit --no-fund --loglevel=error)

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
  echo "== PostgreSQL: starting a throwaway server"
  eval "$(tools/postgres-cluster.sh start)"
  trap 'tools/postgres-cluster.sh stop "$POSTGRES_CLUSTER_DIR"' EXIT
  export TRAININGHUB_TEST_PROVIDER=PostgreSql TRAININGHUB_TEST_CONNECTION="$POSTGRES_CLUSTER_CONNECTION"
  started=$SECONDS
  for suite in tests/TrainingHub.Tests tests/TrainingHub.Web.Tests; do
    echo "== $suite on PostgreSQL"
    # Tests of SQLite's own machinery (the write gate, grouped commits) have nothing to test on a server.
    dotnet test "$suite" -c Release --no-build -nologo --logger "console;verbosity=minimal" --filter "OnlyOn!=Sqlite"
  done
  echo "== PostgreSQL pass took $((SECONDS - started)) s"
  # Two site processes behind nginx on one PostgreSQL database (this server), a trainee alternating between them, 30
  # completions at once and one node killed mid-issuance.
  tests/TrainingHub.Cluster.Tests/run.sh --no-build
fi
echo "== All suites passed"
