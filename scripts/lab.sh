#!/usr/bin/env bash
# `npm run lab`: the notebooks in a local Jupyter server with the project's TypeScript kernel.
# Installs Debian's jupyter-notebook when missing (as root; otherwise prints the command),
# registers the kernel, marks the committed notebooks trusted (their figures and tables render),
# and serves notebooks/ on 127.0.0.1 only (LAB_PORT, default 8888). Ctrl-C stops it.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
if ! command -v jupyter-notebook >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ]; then
    echo "installing Debian's jupyter-notebook" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends jupyter-notebook >/dev/null
  else
    echo "lab: jupyter-notebook is missing; install it with: sudo apt-get install jupyter-notebook" >&2
    exit 1
  fi
fi
bash scripts/setup-notebooks.sh >/dev/null
export JUPYTER_PATH="$root/.jupyter/share/jupyter"
/usr/bin/python3 -m nbformat.sign notebooks/*.ipynb
root_flag=""
[ "$(id -u)" = "0" ] && root_flag="--allow-root"
exec jupyter-notebook $root_flag --no-browser --ip 127.0.0.1 --port "${LAB_PORT:-8888}" --notebook-dir "$root/notebooks"
