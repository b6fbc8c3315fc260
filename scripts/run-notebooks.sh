#!/usr/bin/env bash
# Executes notebooks headless, in place, with the project's tslab kernel.
#   npm run notebooks                 # every notebooks/*.ipynb
#   npm run notebooks -- notebooks/01-world.ipynb
# A failing cell exits non-zero; rerun with ALLOW_ERRORS=1 to keep going and read the
# stack trace inside the notebook.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
bash scripts/setup-notebooks.sh >/dev/null
export JUPYTER_PATH="$root/.jupyter/share/jupyter"
extra=()
[ "${ALLOW_ERRORS:-0}" = "1" ] && extra+=(--allow-errors)
files=("$@")
[ ${#files[@]} -eq 0 ] && files=(notebooks/*.ipynb)
for nb in "${files[@]}"; do
  start=$(date +%s)
  /usr/bin/python3 -m jupyter nbconvert --to notebook --execute --inplace \
    --ExecutePreprocessor.timeout=3600 --ExecutePreprocessor.kernel_name=tslab "${extra[@]}" "$nb"
  echo "executed $nb in $(( $(date +%s) - start )) s"
done
