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

# Builds unless the jar and target/lib exist and nothing in src/ or pom.xml is newer than the jar.
ensure_built() {
  require_tool java "install a JDK (8 or newer; 17 recommended)."
  if is_distribution; then
    return
  fi
  local jar
  jar="$(main_jar)"
  if [ -n "$jar" ] && [ -d "$ROOT/target/lib" ] \
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
