#!/usr/bin/env bash
# The whole test suite, as CI runs it: lint, types, Vitest on PGlite, Vitest on PostgreSQL, e2e in Chromium.
# Ends with one line "N passed, N failed" (every check counts; a check that could not run is a failure).
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p .test-artifacts
passed=0
failed=0

count_step() { # name, exit code
  if [ "$2" -eq 0 ]; then passed=$((passed + 1)); echo "✔ $1"; else failed=$((failed + 1)); echo "✘ $1"; fi
}

count_vitest() { # report file, exit code, label
  local report=$1 code=$2 label=$3
  if [ -s "$report" ]; then
    local p f
    p=$(node -e 'const r=require(process.argv[1]);console.log(r.numPassedTests)' "$(pwd)/$report")
    f=$(node -e 'const r=require(process.argv[1]);console.log(r.numFailedTests + (r.numTotalTestSuites>0 && r.testResults.some(t=>t.status==="failed" && t.assertionResults.length===0) ? 1 : 0))' "$(pwd)/$report")
    passed=$((passed + p)); failed=$((failed + f))
    echo "$label: $p passed, $f failed"
    if [ "$code" -ne 0 ] && [ "$f" -eq 0 ]; then failed=$((failed + 1)); echo "$label: runner exited with $code"; fi
  else
    failed=$((failed + 1)); echo "$label: no report (runner exited with $code)"
  fi
}

npx biome check . ; count_step "biome" $?
npx tsc --noEmit ; count_step "tsc --noEmit" $?

# The server run's address, taken aside so that the first run is really on PGlite.
postgres_url=${TEST_DATABASE_URL:-}
if [ -z "$postgres_url" ] && pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  postgres_url=postgres://postgres@127.0.0.1:5432/test
fi

env -u TEST_DATABASE_URL npx vitest run --reporter=default --reporter=json --outputFile=.test-artifacts/vitest-pglite.json
count_vitest .test-artifacts/vitest-pglite.json $? "vitest (PGlite)"

# The browser journeys run on their own PGlite server, so they go side by side with the PostgreSQL run
# (the two cores are shared; a whole run stays well under CI's limit). The e2e output is shown once done.
e2e_pid=""
if [ -f test/e2e/run.ts ]; then
  node test/e2e/run.ts > .test-artifacts/e2e.log 2>&1 &
  e2e_pid=$!
fi

if [ -n "$postgres_url" ]; then
  TEST_DATABASE_URL=$postgres_url npx vitest run --reporter=default --reporter=json --outputFile=.test-artifacts/vitest-postgres.json
  count_vitest .test-artifacts/vitest-postgres.json $? "vitest (PostgreSQL)"
else
  echo "vitest (PostgreSQL): no server at 127.0.0.1:5432 and TEST_DATABASE_URL unset"
  failed=$((failed + 1))
fi

if [ -n "$e2e_pid" ]; then
  wait "$e2e_pid"
  code=$?
  cat .test-artifacts/e2e.log
  p=$(grep -E '^(ℹ|#) pass [0-9]+' .test-artifacts/e2e.log | tail -1 | grep -oE '[0-9]+$' || echo 0)
  f=$(grep -E '^(ℹ|#) fail [0-9]+' .test-artifacts/e2e.log | tail -1 | grep -oE '[0-9]+$' || echo 0)
  passed=$((passed + p)); failed=$((failed + f))
  if [ "$code" -ne 0 ] && [ "$f" -eq 0 ]; then failed=$((failed + 1)); fi
  echo "e2e (Chromium): $p passed, $f failed"
fi

echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
