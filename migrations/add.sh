#!/usr/bin/env bash
# Adds an EF Core migration to this folder: ./migrations/add.sh NAME
# EF writes the model snapshot into a folder named after its namespace; it belongs here with the migrations.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
dotnet ef migrations add "$1" --project src/Archive.Web --output-dir ../../migrations --namespace Archive.Migrations
if [ -f src/Archive.Web/Archive/Migrations/ArchiveDbContextModelSnapshot.cs ]; then
  mv src/Archive.Web/Archive/Migrations/ArchiveDbContextModelSnapshot.cs migrations/
  rm -rf src/Archive.Web/Archive
fi
