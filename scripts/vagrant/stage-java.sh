#!/bin/bash
# Host side of the Vagrant path: the Java side is platform-independent
# bytecode, built here and synced into the guest with the project (the guest
# needs no Maven Central). Builds target/ when missing or older than the
# sources, and copies the jars of the test classpath to target/vagrant-lib.
set -euo pipefail

KB_PROG=stage-java.sh
# shellcheck source=../lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"

usage() {
    cat <<'EOF_USAGE'
Usage (on the host): scripts/vagrant/stage-java.sh [--rebuild]

Runs `mvn -B -Dvm.skip -DskipTests package` when target/ has no jar, no
test-classpath.txt, or is older than java/, pom.xml or the shim sources
(--rebuild: always),
then copies every jar named in target/test-classpath.txt to
target/vagrant-lib/. scripts/provision.sh points the guest at them.
EOF_USAGE
}

needs_build() {
    local jar
    jar=$(compgen -G "$KB_ROOT/target/kthread-bridge-*.jar" | head -n 1) || return 0
    [[ -f "$KB_ROOT/target/test-classpath.txt" && -d "$KB_ROOT/target/test-classes" ]] || return 0
    [[ -z "$(find "$KB_ROOT/java" "$KB_ROOT/pom.xml" "$KB_ROOT/native/src" "$KB_ROOT/native/include" -newer "$jar" -type f -print -quit)" ]] || return 0
    return 1
}

build() {
    local java_home
    java_home=$(find_java_home) || kb_die "the host needs a JDK >= $KB_JAVA_MIN to build target/"
    command -v mvn >/dev/null || kb_die "no mvn on the host (apt-get install maven)"
    kb_info "mvn -B -Dvm.skip -DskipTests package (JAVA_HOME=$java_home)"
    (cd "$KB_ROOT" && JAVA_HOME=$java_home timeout 900 mvn -B -q -Dvm.skip -DskipTests package)
}

stage() {
    local lib=$KB_ROOT/target/vagrant-lib entry n=0
    rm -rf -- "$lib"
    mkdir -p "$lib"
    while IFS= read -r -d: entry; do
        [[ -n "$entry" ]] || continue
        [[ -f "$entry" ]] || kb_die "test classpath entry $entry does not exist"
        cp -p -- "$entry" "$lib/"
        n=$((n + 1))
    done < <(tr -d '\n' <"$KB_ROOT/target/test-classpath.txt"; printf ':')
    kb_info "staged $n test jars in target/vagrant-lib"
}

main() {
    local rebuild=0
    case "${1:-}" in
        -h | --help) usage; return 0 ;;
        --rebuild) rebuild=1 ;;
        '') ;;
        *) kb_usage_error "unknown argument '$1'" ;;
    esac
    if ((rebuild)) || needs_build; then
        build
    fi
    stage
}

main "$@"
