#!/usr/bin/env bash
# The default test run: system packages first (scripts/test-deps.sh), then every test, then the list of tests
# that were skipped and why (e.g. the 1.x cross-tool tests when thin-provisioning-tools 1.1.0 could not be fetched).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/test-deps.sh
rc=0
mvn -B -ntp verify "$@" || rc=$?
skipped=$(python3 - <<'PY' 2>/dev/null || true
import glob, re
seen = set()
for f in glob.glob('*/target/surefire-reports/TEST-*.xml') + glob.glob('*/target/failsafe-reports/TEST-*.xml'):
    text = open(f, encoding='utf-8', errors='replace').read()
    for m in re.finditer(r'<testcase name="([^"]*)" classname="([^"]*)"[^>]*>\s*<skipped(?: message="([^"]*)")?[^>]*?(?:/>|>(?:<!\[CDATA\[)?([^\n<]*))', text):
        why = (m.group(3) or m.group(4) or 'no reason given').replace('org.opentest4j.TestAbortedException: ', '')
        key = (m.group(2), why)
        if key not in seen:
            seen.add(key)
            print(f"{m.group(2)}: {why}")
PY
)
if [ -n "$skipped" ]; then
  echo "Skipped tests and why:"
  echo "$skipped" | sed 's/^/  /'
fi
exit $rc
