#!/bin/bash
# Where the suite's CPU goes by process (the Postman CLI, npm, Portman, cognito-local, pm-cognito children, vitest's
# own): runs vitest under process accounting (accton: each process's CPU as it ends) and an execve trace (strace:
# what each process ran), then sums CPU by kind (bench/suite-processes.ts). A test file's CPU inside vitest's
# workers is bench/cpu-profiles.ts's part. Needs root and Debian's acct and strace (apt-get install acct strace).
# cli-run-postman.test.ts's four tests that trace connections with strace themselves fail under this trace: their processes still count.
# Usage: bash bench/suite-processes.sh [vitest arguments]   (a full run: about 4 minutes)
set -uo pipefail
for tool in accton dump-acct strace; do
  if ! command -v "$tool" > /dev/null; then echo "$tool is missing: apt-get install acct strace (as root)" >&2; exit 2; fi
done
cd "$(dirname "$0")/.."
work=$(mktemp -d "${TMPDIR:-/tmp}/pm-cognito-suite-processes-XXXXXX")
touch "$work/pacct"
accton "$work/pacct" > /dev/null || { echo "accton failed: process accounting needs root" >&2; exit 2; }
trap 'accton off > /dev/null' EXIT
# --seccomp-bpf stops only at execve, so the trace costs little; the vitest run itself (no npm test: no typecheck or build).
strace -f -qq --seccomp-bpf -e trace=execve -s 1024 -o "$work/exec.log" npx vitest run --reporter=dot "$@" > "$work/vitest.log" 2>&1
echo "vitest exited $? (log: $work/vitest.log)"
accton off > /dev/null
trap - EXIT
npx tsx bench/suite-processes.ts "$work/pacct" "$work/exec.log"
