#!/usr/bin/env bash
# Executes notebooks headless with the project's tslab kernel.
#   npm run notebooks                              # every notebooks/*.ipynb, in place (outputs from the full run)
#   npm run notebooks -- notebooks/01-world.ipynb  # one notebook
#   npm run notebooks -- --quick                   # smoke mode (AVERE_QUICK=1): writes build/notebooks/ and build/figures/,
#                                                  # never the committed notebooks or figures/
# On a failing notebook it reruns that notebook with --allow-errors and prints the failing cell's error.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
bash scripts/check-notebook-prereqs.sh
bash scripts/setup-notebooks.sh >/dev/null
export JUPYTER_PATH="$root/.jupyter/share/jupyter"

quick=0
files=()
for a in "$@"; do
  case "$a" in
    --quick) quick=1 ;;
    *) files+=("$a") ;;
  esac
done
[ ${#files[@]} -eq 0 ] && files=(notebooks/*.ipynb)

out=()
if [ "$quick" = "1" ]; then
  export AVERE_QUICK=1
  export AVERE_FIGURES="$root/build/figures"
  mkdir -p build/notebooks "$AVERE_FIGURES"
  out=(--output-dir build/notebooks)
else
  out=(--inplace)
fi

run() {
  /usr/bin/python3 -m jupyter nbconvert --to notebook --execute --ExecutePreprocessor.timeout=3600 \
    --ExecutePreprocessor.kernel_name=tslab "$@"
}

for nb in "${files[@]}"; do
  start=$(date +%s)
  if ! run "${out[@]}" "$nb"; then
    mkdir -p build/failed
    run --allow-errors --output-dir build/failed "$nb" >/dev/null 2>&1 || true
    failed="build/failed/$(basename "$nb")"
    echo "FAILED: $nb — the failing cell's error (full notebook: $failed):" >&2
    /usr/bin/python3 - "$failed" >&2 <<'PY' || true
import json, re, sys
nb = json.load(open(sys.argv[1]))
for i, c in enumerate(nb["cells"]):
    for o in c.get("outputs", []):
        if o.get("output_type") == "error" or o.get("name") == "stderr":
            text = "\n".join(o.get("traceback", [])) or "".join(o.get("text", ""))
            print(f"--- cell {i}:\n" + "".join(c["source"])[:400] + "\n" + re.sub(r"\x1b\[[0-9;]*m", "", text)[:4000])
PY
    exit 1
  fi
  echo "executed $nb in $(( $(date +%s) - start )) s"
done
