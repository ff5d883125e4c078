#!/usr/bin/env bash
# The README's test command: installs the Debian packages the tests drive when missing, then runs `dotnet test`
# with this script's arguments (e.g. ./test.sh --filter "FullyQualifiedName~Import"). .ci/run calls it too.
set -uo pipefail
cd "$(dirname "$0")"

command -v dotnet >/dev/null || { echo "test.sh: dotnet is not on PATH: install the .NET 10 SDK (https://dot.net)." >&2; exit 1; }

# What the tests start or drive themselves, by the package that provides it.
need=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)  # every test's database (pg_basebackup too)
[ -x /usr/bin/chromium ] || need+=(chromium)                                # the browser journeys, through Playwright
[ -e /usr/bin/epubcheck ] || need+=(epubcheck)                              # checks the EPUB downloads; pulls in a Java runtime
command -v ebook-convert >/dev/null || need+=(calibre)                      # PDF/MOBI/AZW3 downloads: about 80 s to install
[ -x /usr/bin/redis-server ] || need+=(redis-server)                        # instances sharing Redis
command -v curl >/dev/null || need+=(curl)                                  # build/release.sh tries the unpacked release with it

missing=""
if [ ${#need[@]} -gt 0 ]; then
  command="apt-get update && apt-get install -y ${need[*]}"
  as_root=none
  if [ "$(id -u)" = 0 ]; then as_root=()
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then as_root=(sudo)  # passwordless sudo only: never a prompt
  fi
  if ! command -v apt-get >/dev/null || [ "${as_root[*]-}" = none ]; then
    # Without root or apt the tests still run; the ones needing these fail, each saying what it lacks.
    missing="Missing: ${need[*]}. As root: $command"
    command -v apt-get >/dev/null || missing+="  (or your system's packages of the same names)"
    echo "test.sh: $missing" >&2
  else
    echo "test.sh: installing ${need[*]}"
    if ! { "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq \
        && "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null; }; then
      missing="Installing ${need[*]} failed (see above). As root: $command"
      echo "test.sh: $missing" >&2
    fi
  fi
fi

# Figures the tests report (how many requests the route fuzzer tried), printed after the run's own output.
export ARCHIVE_TEST_FIGURES
ARCHIVE_TEST_FIGURES=$(mktemp)
dotnet test "$@"
status=$?
if [ -s "$ARCHIVE_TEST_FIGURES" ]; then sed 's/^/test.sh: /' "$ARCHIVE_TEST_FIGURES"; fi
rm -f "$ARCHIVE_TEST_FIGURES"
# Repeated after the tests' long output, where a failure caused by it is read.
[ -n "$missing" ] && echo "test.sh: $missing" >&2
exit "$status"
