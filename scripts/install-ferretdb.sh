#!/usr/bin/env bash
# Installs FerretDB v1.24.2 (the MongoDB-compatible server used locally and in tests) with
# `go install`, and prints the binary's path on stdout. Safe to run again: it does nothing when
# a working binary is already installed.
set -euo pipefail
VERSION=v1.24.2
MODULE=github.com/FerretDB/FerretDB

if ! command -v go >/dev/null 2>&1 && [ -x /usr/local/go/bin/go ]; then
  export PATH="/usr/local/go/bin:$PATH"
fi
if ! command -v go >/dev/null 2>&1; then
  echo "FerretDB needs Go to install: install Go 1.22+ (https://go.dev/dl/ or 'apt-get install golang') and retry," >&2
  echo "or set MONGODB_URI to a running MongoDB." >&2
  exit 1
fi

bindir=$(go env GOBIN)
[ -n "$bindir" ] || bindir="$(go env GOPATH)/bin"
bin="$bindir/ferretdb"

works() { "$bin" --version 2>/dev/null | grep -q "version: $VERSION"; }

if works; then echo "$bin"; exit 0; fi

echo "installing FerretDB $VERSION with go install (first run only; 1-3 minutes)..." >&2
go install "$MODULE/cmd/ferretdb@$VERSION" >&2

if ! works; then
  # The module as served by the Go proxy has no build/version/version.txt (FerretDB's own task
  # runner generates it), and the binary then panics at start. Build the same module source once
  # more with that file written, exactly as FerretDB's build documentation describes.
  src=$(go mod download -json "$MODULE@$VERSION" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  cp -R "$src/." "$tmp/"
  chmod -R u+w "$tmp"
  echo "$VERSION" > "$tmp/build/version/version.txt"
  (cd "$tmp" && go build -trimpath -o "$bin" ./cmd/ferretdb) >&2
fi

works || { echo "FerretDB $VERSION did not install correctly at $bin" >&2; exit 1; }
echo "$bin"
