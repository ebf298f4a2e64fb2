#!/bin/bash
# Alternated full-suite runs of two commits on this machine: wall, CPU and wall / (CPU / 2), which shows how well the
# run keeps both cores busy even when the machine's speed drifts between rounds (the same work's CPU moved 20 % in half an hour here).
# Usage: bash bench/suite-ab.sh <commit-a> <commit-b> [rounds=3]   (about 7 minutes per round, in clones under $TMPDIR)
set -euo pipefail
if [ $# -lt 2 ]; then echo "usage: bash bench/suite-ab.sh <commit-a> <commit-b> [rounds]" >&2; exit 2; fi
repo=$(cd "$(dirname "$0")/.." && pwd)
rounds=${3:-3}
work=$(mktemp -d "${TMPDIR:-/tmp}/pm-cognito-suite-ab-XXXXXX")
# mktemp makes it 0700; one test runs the CLI as nobody (cli-install-files: a directory it cannot write in), which must reach bin/.
chmod 755 "$work"
for c in "$1" "$2"; do
  git clone -q "$repo" "$work/$c"
  git -C "$work/$c" checkout -q "$c"
  ln -s "$repo/node_modules" "$work/$c/node_modules"
done
printf '%-6s %-12s %8s %8s %8s\n' round commit wall_s cpu_s ratio
for round in $(seq 1 "$rounds"); do
  for c in "$1" "$2"; do
    # --no-cache: vitest orders files as in CI, with no results cache from an earlier run.
    if ! (cd "$work/$c" && /usr/bin/time -f '%e %U %S' -o "$work/time" npm test -- --no-cache --reporter=dot > "$work/$c.r$round.log" 2>&1); then
      echo "round $round, $c: npm test failed, see $work/$c.r$round.log" >&2
    fi
    # time's last line holds the figures (a failed run adds "Command exited with non-zero status" before them).
    read -r wall user sys < <(tail -n 1 "$work/time")
    awk -v r="$round" -v c="$c" -v w="$wall" -v u="$user" -v s="$sys" 'BEGIN { printf "%-6s %-12s %8.1f %8.1f %8.3f\n", r, c, w, u + s, w / ((u + s) / 2) }'
  done
done
echo "logs: $work"
