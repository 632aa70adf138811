#!/usr/bin/env bash
# After an intended change of the model or of a message: rewrites every
# output shown in README.md and docs/*.md with what the commands print now
# (elisions such as `[..]` that still match are kept) and docs/report.png
# with a screenshot of the quickstart report in headless Chromium, and
# docs/studio*.png with screenshots of the studio's pages.
# Review `git diff` and commit the documents with the change.
# Usage: scripts/regenerate_docs.sh
set -euo pipefail
cd "$(dirname "$0")/.."
SNAPSHOTS=overwrite cargo test --release --test it docs::
bash .ci/browser_check.sh docs/report.png
# The studio's pages, from its real-browser test (needs chromium-driver;
# fonts-noto-cjk for the Chinese page).
RESIM_STUDIO_SCREENSHOTS="$PWD/docs" cargo test --release --test it studio_browser
git status --short README.md docs/
