#!/usr/bin/env bash
# Check that a web service answers, retrying a few times before giving up.
#
#   healthcheck.sh [-r retries] [-d delay_seconds] [-t timeout_seconds] URL
#
# Exit codes: 0 healthy, 1 unhealthy after all retries, 2 wrong usage.
# Example cron line (every 5 minutes, output appended to a log):
#   */5 * * * * /opt/app/healthcheck.sh https://example.com/health >>/var/log/health.log 2>&1

# --8<-- [start:healthcheck]
set -euo pipefail

readonly EXIT_UNHEALTHY=1 EXIT_USAGE=2

usage() {
  echo "usage: ${0##*/} [-r retries] [-d delay] [-t timeout] URL" >&2
  exit "$EXIT_USAGE"
}

retries=3 delay=2 timeout=5
while getopts ":r:d:t:h" opt; do
  case "$opt" in
    r) retries=$OPTARG ;;
    d) delay=$OPTARG ;;
    t) timeout=$OPTARG ;;
    *) usage ;;
  esac
done
shift $((OPTIND - 1))
[[ $# -eq 1 && $retries =~ ^[1-9][0-9]*$ ]] || usage
url=$1

for ((attempt = 1; attempt <= retries; attempt++)); do
  # --fail: HTTP 4xx/5xx count as errors. `if` keeps set -e from exiting here.
  if curl --fail --silent --show-error --output /dev/null \
      --max-time "$timeout" "$url"; then
    echo "$(date -u +%FT%TZ) healthy: $url (attempt $attempt)"
    exit 0
  fi
  echo "$(date -u +%FT%TZ) attempt $attempt/$retries failed: $url" >&2
  if ((attempt < retries)); then sleep "$delay"; fi
done

echo "$(date -u +%FT%TZ) UNHEALTHY: $url" >&2
exit "$EXIT_UNHEALTHY"
# --8<-- [end:healthcheck]
