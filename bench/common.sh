# Shared by the bench/ scripts: builds the harness (the -Pbench profile) and prints its class path.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

bench_classpath() {
  mvn -q -B -ntp -Pbench -DskipTests test-compile >&2
  mvn -q -B -ntp -Pbench dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$ROOT/target/bench/classpath.txt" >&2
  echo "$ROOT/target/test-classes:$ROOT/target/classes:$(cat "$ROOT/target/bench/classpath.txt")"
}
