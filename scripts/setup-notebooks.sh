#!/usr/bin/env bash
# Registers the project-local TypeScript kernel ("tslab") under .jupyter/, and puts plotly.js
# where a notebook's figure outputs load it from (the nbextension "avere-plotly",
# src/viz/notebookFigure.ts), so that figures are interactive in a trusted notebook.
#
# Notebooks import the library as './src/...': notebooks/src is a symlink to ../src, and the
# kernel starts tslab with tsx's require hook so the TypeScript sources load directly.
# Needs Debian's Jupyter (jupyter-nbconvert python3-nbclient python3-ipykernel jupyter-client).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
kdir="$root/.jupyter/share/jupyter/kernels/tslab"
mkdir -p "$kdir"
cat > "$kdir/kernel.json" <<JSON
{"argv": ["node", "--require", "$root/node_modules/tsx/dist/cjs/index.cjs", "$root/node_modules/tslab/bin/tslab", "kernel", "--config-path", "{connection_file}"],
 "display_name": "TypeScript (AVERE)", "language": "typescript"}
JSON
echo "kernel 'tslab' registered in $kdir (use JUPYTER_PATH=$root/.jupyter/share/jupyter)"
ext="$root/.jupyter/share/jupyter/nbextensions/avere-plotly"
mkdir -p "$ext"
cp "$root/node_modules/plotly.js-dist-min/plotly.min.js" "$ext/plotly.min.js"
echo "plotly.js for interactive notebook figures in $ext"
