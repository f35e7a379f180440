# Copies the dependencies a pom.xml lists from Maven Central into a folder, once (a `.complete` marker
# makes later runs instant). Sourced by kafka/fetch-jars.sh and connect/fetch-plugin.sh.

# maven_fetch LABEL POM DIR [copy-dependencies options...]; returns 1 when DIR was already complete.
maven_fetch() {
  local label=$1 pom=$2 dir=$3; shift 3
  if [[ -f "$dir/.complete" ]]; then echo "$label: cached in $dir"; return 1; fi
  echo "$label: fetching from Maven Central into $dir"
  rm -rf "$dir" && mkdir -p "$dir"
  mvn -B -q -ntp -Dstyle.color=never -f "$pom" org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies -DoutputDirectory="$dir" "$@"
}
