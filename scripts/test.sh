#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 The kthread-bridge authors
# All the tests, from a fresh clone: setup (apt, idempotent), checkpatch,
# REUSE, shellcheck, actionlint on .github/workflows, `./mvnw -B verify`
# (host tests, the consumer check, module W=1
# builds, C and Java kernel tests in QEMU on every kernel of the matrix),
# reproducible jars, the bindings against jextract (when JEXTRACT is set),
# the README's demo on a simulated fresh machine, the VM runner's own
# tests, the README's kthread-bridge-junit example on 6.12, the hardening suite (fuzzer, stress, kill -9 and reload loops on
# every kernel), the debug kernel (KASAN, lockdep, kmemleak) gate and the
# Vagrant cycle.
set -euo pipefail

# shellcheck disable=SC2034  # used by kb_log in lib/common.sh
KB_PROG=test.sh
# shellcheck source-path=SCRIPTDIR source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

stage_times=()

usage() {
    cat <<'EOF_USAGE'
Usage: scripts/test.sh [--no-setup] [--no-fresh] [--no-hardening] [--no-debug-kernel]
                       [--no-vagrant] [-- MAVEN_ARGS...]

Runs every test of the project; exits non-zero when any fails.
  --no-setup      skip scripts/setup.sh (packages already installed)
  --no-fresh      skip scripts/tests/fresh-machine.sh
  --no-hardening  skip scripts/hardening/run.sh
  --no-debug-kernel  skip scripts/hardening/run.sh --debug-gate
  --no-vagrant    skip scripts/vagrant/test.sh

The hardening stage runs 1,000,000 fuzzer calls per kernel (bounded by
KB_FUZZ_SECONDS, 240 s), 10 s of C and Java stress, KB_KILL_ROUNDS (50 here)
kill -9 rounds and KB_RELOAD_ROUNDS (15 here) module reloads (100 each in the
opt-in full run, scripts/hardening/run.sh, to keep the suite in 45 min). The
debug-kernel stage builds the debug kernel once per machine (cached in
~/.cache/kthread-bridge/debug-kernel/, ~6 min) and runs the C tests, 100,000 fuzzer calls,
stress, kill -9 rounds and a kmemleak scan on it, failing on any KASAN,
lockdep, WARN or kmemleak report (docs/hardening.md). The Vagrant box is
cached per machine too (~/.cache/kthread-bridge/vagrant-box; KB_CACHE
moves both), so only a machine's first run builds them.
EOF_USAGE
}

cleanup() {
    local line
    ((${#stage_times[@]})) || return 0
    for line in "${stage_times[@]}"; do
        kb_info "$line"
    done
}

# stage NAME COMMAND...: runs it, records its time, fails the run if it fails.
stage() {
    local name=$1 start=$SECONDS rc=0
    shift
    kb_info "== $name"
    "$@" || rc=$?
    stage_times+=("stage $name: exit $rc in $((SECONDS - start))s")
    return "$rc"
}

# The project's shell scripts, warnings and errors (mvnw is generated).
lint_scripts() {
    local scripts
    mapfile -t scripts < <(git -C "$KB_ROOT" ls-files '*.sh' .ci/run)
    (cd "$KB_ROOT" && shellcheck -x -S warning "${scripts[@]}")
}

hardening() {
    KB_FUZZ_CALLS=${KB_FUZZ_CALLS:-1000000} \
        KB_STRESS_SECONDS=${KB_STRESS_SECONDS:-10} \
        KB_KILL_ROUNDS=${KB_KILL_ROUNDS:-50} \
        KB_RELOAD_ROUNDS=${KB_RELOAD_ROUNDS:-15} \
        "$KB_ROOT/scripts/hardening/run.sh"
}

main() {
    local setup=1 fresh=1 hardening=1 debug=1 vagrant=1 start=$SECONDS java_home
    while (($#)); do
        case "$1" in
            --no-setup) setup=0; shift ;;
            --no-fresh) fresh=0; shift ;;
            --no-hardening) hardening=0; shift ;;
            --no-debug-kernel) debug=0; shift ;;
            --no-vagrant) vagrant=0; shift ;;
            -h | --help) usage; return 0 ;;
            --) shift; break ;;
            *) kb_log "error: unknown argument '$1'"; usage >&2; return 2 ;;
        esac
    done
    trap cleanup EXIT
    cd "$KB_ROOT"
    if ((setup)); then
        stage setup "$KB_ROOT/scripts/setup.sh" --tests
    fi
    java_home=$(find_java_home) || kb_die "a JDK >= $KB_JAVA_MIN is required"
    export JAVA_HOME=$java_home PATH="$java_home/bin:$PATH"

    stage checkpatch make -s -C kmod style
    stage licenses reuse lint
    stage shellcheck lint_scripts
    stage workflows "$KB_ROOT/scripts/tests/workflow-lint.sh"
    stage maven ./mvnw -B verify -Dkb.test.browser.required=true "$@"
    stage reproducible "$KB_ROOT/scripts/tests/reproducible.sh"
    stage bindings "$KB_ROOT/scripts/tests/bindings-check.sh"
    stage package "$KB_ROOT/scripts/tests/package-check.sh"
    if ((fresh)); then
        stage fresh-machine "$KB_ROOT/scripts/tests/fresh-machine.sh"
    fi
    stage runner-selftest "$KB_ROOT/scripts/tests/runner-selftest.sh"
    stage kerneltest-example "$KB_ROOT/scripts/tests/kerneltest-example.sh"
    if ((hardening)); then
        stage hardening hardening
    fi
    if ((debug)); then
        stage debug-kernel "$KB_ROOT/scripts/hardening/run.sh" --debug-gate
    fi
    if ((vagrant)); then
        stage vagrant "$KB_ROOT/scripts/vagrant/test.sh"
    fi
    kb_info "all tests passed in $((SECONDS - start))s"
}

main "$@"
