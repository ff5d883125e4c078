#!/usr/bin/env bash
# Times a gift exchange's matching as its maintainers run it ("Generate matches": read the sign-ups, match, save the
# assignments), for made-up exchanges of each size in SIGN_UPS (two requests and two offers each, fandoms long-tailed,
# one fandom in common makes a match), on a private server of its own. Prints each run's figures.
# Run it from anywhere: bench/matching.sh   (SIGN_UPS="500 2000 5000")
# The issue's target: 2,000 sign-ups matched in under a minute.
set -euo pipefail
cd "$(dirname "$0")/.."
SIGN_UPS=${SIGN_UPS:-"500 2000 5000"}
out=$(mktemp -d /tmp/archive-matching.XXXXXX)
chmod 755 "$out"   # the private server runs as postgres when this runs as root
trap 'rm -rf "$out"' EXIT
dotnet publish src/Archive.Web -c Release -o "$out/archive" -v quiet >/dev/null
for n in $SIGN_UPS; do
  echo "== $n sign-ups"
  (cd "$out/archive" && ConnectionStrings__Archive= Archive__DataDirectory="$out/postgres" dotnet Archive.Web.dll exchange-bench "$n")
done
