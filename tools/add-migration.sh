#!/usr/bin/env bash
# Adds the same migration to every provider's migrations assembly: tools/add-migration.sh NAME
set -euo pipefail
if [ $# -ne 1 ] || [[ ! "$1" =~ ^[A-Z][A-Za-z0-9]+$ ]]; then
  echo "usage: tools/add-migration.sh NAME   (NAME in PascalCase, e.g. AddHoursLedger)" >&2
  exit 2
fi
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
for provider in Sqlite SqlServer PostgreSql; do
  project="src/TrainingHub.Migrations.$provider"
  echo "== $provider"
  dotnet ef migrations add "$1" --project "$project" --startup-project "$project" --output-dir Migrations
done
