#!/usr/bin/env bash
# The body of the blastguard Action (action.yml): builds the command line from the INPUT_*
# variables, runs the CLI once with every report written to files, then prints the annotations,
# appends the job summary and sets the step outputs. The step's exit code is the CLI's.
set -euo pipefail

out="${INPUT_OUTPUT_DIR:-.blastguard}"
mkdir -p "$out"
# reports of an earlier run must never pass for this one's
rm -f "$out/blastguard.sarif" "$out/comment.md" "$out/annotations.txt" "$out/report.json"

files=()
while IFS= read -r line; do
  line="${line#"${line%%[![:space:]]*}"}"
  line="${line%"${line##*[![:space:]]}"}"
  [ -n "$line" ] && files+=("$line")
done <<<"${INPUT_FILES:-}"
if [ "${#files[@]}" -eq 0 ]; then
  echo "::error title=blastguard: no input::the files input is empty: give the pulumi preview --json output or the --save-plan plan"
  exit 2
fi

args=(check "${files[@]}" --fail-on "${INPUT_FAIL_ON:-violation}"
  --out-sarif "$out/blastguard.sarif" --out-markdown "$out/comment.md"
  --out-github "$out/annotations.txt" --out-json "$out/report.json")
if [ -n "${INPUT_STATE:-}" ] && [ -n "${INPUT_STACK:-}" ]; then
  echo "::error title=blastguard: inputs::give state or stack, not both"
  exit 2
fi
if [ -n "${INPUT_STATE:-}" ]; then args+=(--state "$INPUT_STATE"); fi
if [ -n "${INPUT_STACK:-}" ]; then args+=("--stack=$INPUT_STACK"); fi
if [ -n "${INPUT_CONFIG:-}" ]; then args+=(--config "$INPUT_CONFIG"); fi
if [ -n "${INPUT_PROJECT_ROOT:-}" ]; then args+=(--project-root "$INPUT_PROJECT_ROOT"); fi
# intent and overrides are optional files: a path that does not exist means there is none
if [ -n "${INPUT_INTENT:-}" ] && [ -f "$INPUT_INTENT" ]; then args+=(--intent "$INPUT_INTENT"); fi
if [ -n "${INPUT_OVERRIDES:-}" ] && [ -f "$INPUT_OVERRIDES" ]; then args+=(--override "$INPUT_OVERRIDES"); fi

if [ -n "${INPUT_CLI:-}" ]; then
  case "$INPUT_CLI" in
    *.js) cli=(node "$INPUT_CLI") ;;
    *) cli=("$INPUT_CLI") ;;
  esac
else
  version="${INPUT_VERSION:-}"
  if [ -z "$version" ]; then
    version="$(node -p 'require(process.argv[1]).version' "${ACTION_PATH:-.}/package.json")"
  fi
  cli=(npx --yes --package "blastguard@$version" -- blastguard)
fi

set +e
"${cli[@]}" "${args[@]}" # the text report goes to the log
code=$?
set -e

# Workflow commands act when printed: these become the run's annotations.
if [ -f "$out/annotations.txt" ]; then cat "$out/annotations.txt"; fi

verdict=undecided
case "$code" in
  0) verdict=allowed ;;
  1) verdict=blocked ;;
esac
if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  if [ -f "$out/comment.md" ]; then
    cat "$out/comment.md" >>"$GITHUB_STEP_SUMMARY"
  else
    printf '### blastguard: undecided\n\nThe check stopped with exit %s before writing a report; the deployment is blocked. The step log says why.\n' "$code" >>"$GITHUB_STEP_SUMMARY"
  fi
fi
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  {
    echo "exit-code=$code"
    echo "verdict=$verdict"
    if [ -f "$out/blastguard.sarif" ]; then echo "sarif=$out/blastguard.sarif"; fi
    if [ -f "$out/comment.md" ]; then echo "comment=$out/comment.md"; fi
  } >>"$GITHUB_OUTPUT"
fi
exit "$code"
