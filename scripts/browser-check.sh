#!/usr/bin/env bash
# Checks the page of `kge4j serve` in a real browser: installs Debian's chromium and
# chromium-driver if they are missing (needs root, as on the project's machines), then runs
# BrowserTest, which starts the server on a model trained in the test, opens the page in headless
# Chromium through Selenium, types a query, submits it and compares the ranked answers with the
# Java API (and follows a "closest label" suggestion after a typo).
#
#   scripts/browser-check.sh
#
# Without the packages the test is skipped (mvn verify stays green on machines without a browser).
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ ! -x /usr/bin/chromium || ! -x /usr/bin/chromedriver ]]; then
  echo "browser-check: installing chromium and chromium-driver ..." >&2
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver
fi
/usr/bin/chromium --version 2>/dev/null | head -1

mvn -B -q -pl kge4j-cli -am verify -Dtest=BrowserTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dspotless.check.skip=true
report="kge4j-cli/target/surefire-reports/org.kge4j.cli.BrowserTest.txt"
cat "$report"
if grep -q "Skipped: 1" "$report"; then
  echo "browser-check: the browser test was skipped" >&2
  exit 1
fi
