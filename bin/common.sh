# Shared by the bin/ scripts: build the project when needed and compose the standalone classpath.
# Expects ROOT to be the checkout.

require_tool() {
  if ! command -v "$1" >/dev/null 2>&1; then
    echo "error: '$1' is not installed; $2" >&2
    exit 1
  fi
}

# The standalone jar: every class of the project (the main jar is the thin Kylin plugin).
main_jar() {
  ls "$ROOT"/target/kylin-async-query-*-standalone.jar 2>/dev/null | head -n 1 || true
}

# A checkout has pom.xml and builds into target/; an unpacked distribution has every jar in lib/.
is_distribution() {
  [ ! -f "$ROOT/pom.xml" ] && [ -d "$ROOT/lib" ]
}

# Builds unless the jar, target/lib and target/spark-lib exist and nothing in src/ or pom.xml is newer than the jar.
ensure_built() {
  require_tool java "install a JDK (8 or newer; 17 recommended)."
  if is_distribution; then
    return
  fi
  local jar
  jar="$(main_jar)"
  if [ -n "$jar" ] && [ -d "$ROOT/target/lib" ] && [ -d "$ROOT/target/spark-lib" ] \
     && [ -z "$(find "$ROOT/src/main" "$ROOT/pom.xml" -newer "$jar" -print -quit)" ]; then
    return
  fi
  require_tool mvn "install Apache Maven 3.6 or newer to build the server."
  echo "Building kylin-async-query (first run, or sources changed)..." >&2
  (cd "$ROOT" && mvn -q -B -DskipTests package)
}

standalone_classpath() {
  if is_distribution; then
    echo "$ROOT/lib/*"
  else
    echo "$(main_jar):$ROOT/target/lib/*"
  fi
}

# Whether the server's arguments ask for the Spark engine (--engine spark).
wants_spark() {
  local previous=""
  local arg
  for arg in "$@"; do
    if [ "$previous" = "--engine" ] && [ "$arg" = "spark" ]; then
      return 0
    fi
    previous="$arg"
  done
  return 1
}

# Spark's jars for --engine spark: target/spark-lib in a checkout (the build copies them there), else
# $SPARK_HOME/jars (an unpacked distribution ships without Spark).
spark_classpath() {
  if ! is_distribution && [ -d "$ROOT/target/spark-lib" ]; then
    echo "$ROOT/target/spark-lib/*"
  elif [ -n "${SPARK_HOME:-}" ] && [ -d "$SPARK_HOME/jars" ]; then
    echo "$SPARK_HOME/jars/*"
  else
    echo "error: --engine spark needs Spark 3.5's jars: set SPARK_HOME to a Spark installation (its jars/ folder is" \
      "used), or run from a checkout, where the build copies them to target/spark-lib." >&2
    exit 1
  fi
}

# What Spark needs opened on JDK 17: the list Spark's own launcher passes (JavaModuleOptions); a JDK 8 ignores them.
spark_java_opts() {
  echo "-XX:+IgnoreUnrecognizedVMOptions --add-opens=java.base/java.lang=ALL-UNNAMED" \
    "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED --add-opens=java.base/java.lang.reflect=ALL-UNNAMED" \
    "--add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED" \
    "--add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED" \
    "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED" \
    "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED" \
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED" \
    "--add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED" \
    "-Djdk.reflect.useDirectMethodHandle=false"
}
