#!/usr/bin/env bash
# Makes the release's downloads from this checkout:
#   artifacts/archive-VERSION-linux-x64.tar.gz   self-contained (no .NET needed): unpack, cd into it, ./Archive.Web
#   the container image archive:VERSION          from the Dockerfile, where a Docker engine runs (skipped, saying so, elsewhere)
# then unpacks the tarball elsewhere, starts it on its own private PostgreSQL and reads pages from it. .ci/run calls it.
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' Directory.Build.props)
name=archive-$version-linux-x64
mkdir -p artifacts
rm -rf "artifacts/$name" "artifacts/$name.tar.gz"

dotnet publish src/Archive.Web -c Release -r linux-x64 --self-contained -o "artifacts/$name" -nologo -v q
cp README.md CHANGELOG.md "artifacts/$name/"
tar -czf "artifacts/$name.tar.gz" -C artifacts "$name"
echo "release.sh: artifacts/$name.tar.gz ($(du -h "artifacts/$name.tar.gz" | cut -f1))"

if command -v docker >/dev/null && docker info >/dev/null 2>&1; then
  docker build -q --build-arg SOURCE_REVISION="$(git rev-parse HEAD 2>/dev/null)" -t "archive:$version" . && echo "release.sh: container image archive:$version"
else
  echo "release.sh: no Docker engine here, so no container image (docker build -t archive:$version . makes it)"
fi

# Tried as a person would: unpacked somewhere else and started with nothing configured, from another folder (as a service
# without a working directory is): it must still find its settings (its log then holds no per-request lines).
smoke=$(mktemp -d /tmp/archive-release-XXXXXX)
chmod 755 "$smoke"
tar -xzf "artifacts/$name.tar.gz" -C "$smoke"
port=$(( 20000 + RANDOM % 20000 ))
(cd "$smoke" && ConnectionStrings__Archive= Archive__DataDirectory="$smoke/data" exec "./$name/Archive.Web" --urls "http://127.0.0.1:$port" >"$smoke/app.log" 2>&1) &
app=$!
stop() { kill -TERM "$app" 2>/dev/null; wait "$app" 2>/dev/null; rm -rf "$smoke"; }
trap stop EXIT
for _ in $(seq 120); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break; kill -0 "$app" 2>/dev/null || break; sleep 1; done
failed=0
for page in / /works /works/search /css/site.css /js/errors.js; do
  code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port$page")
  [ "$code" = 200 ] || { echo "release.sh: the unpacked release answered $code for $page" >&2; failed=1; }
done
curl -s "http://127.0.0.1:$port/" | grep -q "Archive $version" || { echo "release.sh: the front page doesn't name release $version" >&2; failed=1; }
if grep -q "Request finished" "$smoke/app.log"; then echo "release.sh: the release started from another folder did not read its appsettings.json" >&2; failed=1; fi
if [ "$failed" != 0 ]; then tail -20 "$smoke/app.log" >&2; exit 1; fi
echo "release.sh: the unpacked release started on its own PostgreSQL and served its pages"
