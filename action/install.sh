#!/usr/bin/env bash
# The action's install step: use the project's own pm-cognito if it has one, else install the action's copy (its dist/ is committed).
set -euo pipefail
if [ -f "${INPUT_WORKING_DIRECTORY:-.}/node_modules/pm-cognito/bin/pm-cognito.js" ]; then
  echo "pm-cognito: using the project's own installation ($(node "${INPUT_WORKING_DIRECTORY:-.}/node_modules/pm-cognito/bin/pm-cognito.js" --version))"
elif [ -d "$GITHUB_ACTION_PATH/node_modules/newman" ]; then
  echo "pm-cognito: using the action's installation"
else
  # Runtime dependencies only, exactly as locked (newman and yaml), no install scripts.
  (cd "$GITHUB_ACTION_PATH" && npm ci --omit=dev --omit=optional --ignore-scripts --no-audit --no-fund)
fi
# The optional packages these inputs need (Portman, htmlextra, the AWS SDK, the Postman CLI), when the action's copy runs.
if [ ! -f "${INPUT_WORKING_DIRECTORY:-.}/node_modules/pm-cognito/bin/pm-cognito.js" ]; then
  extras=$(node "$GITHUB_ACTION_PATH/action/extras.cjs")
  if [ -n "$extras" ]; then
    echo "pm-cognito: installing for these inputs: $extras"
    # shellcheck disable=SC2086
    (cd "$GITHUB_ACTION_PATH" && npm install --no-save --ignore-scripts --no-audit --no-fund $extras)
  fi
fi
