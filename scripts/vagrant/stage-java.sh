#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 The kthread-bridge authors
# Host side of the Vagrant path: the Java side is platform-independent
# bytecode, built here and synced into the guest with the project (the guest
# needs no Maven Central). Builds it when missing or older than the sources:
# java/kernel-tests/target/lib then holds every jar the Java tests need.
set -euo pipefail

# shellcheck disable=SC2034  # used by kb_log in lib/common.sh

KB_PROG=stage-java.sh
# shellcheck source=../lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"

usage() {
    cat <<'EOF_USAGE'
Usage (on the host): scripts/vagrant/stage-java.sh [--rebuild]

Runs `./mvnw -B -Dvm.skip -Dkmod.skip -DskipTests package` when
java/kernel-tests/target/lib has no jar or is older than java/, pom.xml or
the shim sources (--rebuild: always). `vagrant rsync` copies the result.
EOF_USAGE
}

cleanup() {
    :
}

needs_build() {
    local stamp
    stamp=$(compgen -G "$KB_TEST_LIB/kthread-bridge-0*.jar" | head -n 1) || return 0
    [[ -z "$(find "$KB_ROOT/java" "$KB_ROOT/pom.xml" "$KB_ROOT/native/src" "$KB_ROOT/native/include" \
        -path '*/target' -prune -o -newer "$stamp" -type f -print -quit)" ]] || return 0
    return 1
}

build() {
    local java_home
    java_home=$(find_java_home) || kb_die "the host needs a JDK >= $KB_JAVA_MIN to build the Java side"
    kb_info "./mvnw -B -Dvm.skip -Dkmod.skip -DskipTests package (JAVA_HOME=$java_home)"
    (cd "$KB_ROOT" && JAVA_HOME=$java_home timeout 900 ./mvnw -B -q -Dvm.skip -Dkmod.skip -DskipTests package)
}

main() {
    local rebuild=0
    case "${1:-}" in
        -h | --help) usage; return 0 ;;
        --rebuild) rebuild=1 ;;
        '') ;;
        *) kb_usage_error "unknown argument '$1'" ;;
    esac
    trap cleanup EXIT
    if ((rebuild)) || needs_build; then
        build
    fi
    kb_test_classpath >/dev/null || exit 1
    kb_info "staged: $(find "$KB_TEST_LIB" -name '*.jar' | wc -l) jars in ${KB_TEST_LIB#"$KB_ROOT"/}"
}

main "$@"
