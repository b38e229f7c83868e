#!/bin/bash
# SPDX-FileCopyrightText: 2026 The kthread-bridge authors
# SPDX-License-Identifier: Apache-2.0
# The committed FFM bindings are exactly what jextract makes of today's
# headers: regenerates them into a scratch directory with $JEXTRACT and
# compares. Without JEXTRACT it says so and passes (no jextract is
# installable from the registries this project uses; docs/bindings.md).
set -euo pipefail

# shellcheck disable=SC2034  # used by kb_log in lib/common.sh
KB_PROG=bindings-check.sh
# shellcheck source-path=SCRIPTDIR source=../lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"

readonly COMMITTED=java/kthread-bridge/src/generated/java
scratch=''

usage() {
    cat <<'EOF_USAGE'
Usage: JEXTRACT=/path/to/jextract scripts/tests/bindings-check.sh

Exit status: 0 when the regenerated bindings equal the committed ones (or
JEXTRACT is not set), 1 when they differ (the diff is printed: rerun
scripts/jextract.sh and commit its output).
EOF_USAGE
}

cleanup() {
    [[ -z "$scratch" ]] || rm -rf -- "$scratch"
}

main() {
    case "${1:-}" in -h | --help) usage; return 0 ;; esac
    if [[ -z "${JEXTRACT:-}" ]]; then
        kb_info "skipped: JEXTRACT is not set (the committed bindings are not regenerated)"
        return 0
    fi
    trap cleanup EXIT
    scratch=$(mktemp -d)
    "$KB_ROOT/scripts/jextract.sh" --out "$scratch" >/dev/null
    if ! diff -ru "$KB_ROOT/$COMMITTED" "$scratch"; then
        kb_log "error: $COMMITTED differs from what $JEXTRACT generates: run scripts/jextract.sh and commit"
        return 1
    fi
    kb_info "ok: $COMMITTED is what $("$JEXTRACT" --version 2>&1 | head -n 1) generates"
}

main "$@"
