#!/usr/bin/env bash
# Checks what the notebooks need from Debian: Jupyter (nbconvert, nbclient, ipykernel) under
# /usr/bin/python3, the Jupyter Notebook server (`npm run lab`, and the check that opens a
# notebook from it), and chromium for PNG/SVG figures. Installs what is missing when run as root
# with apt; otherwise prints the one command that installs it and exits 1.
set -euo pipefail
need=()
/usr/bin/python3 -c 'import nbconvert, nbclient, ipykernel, jupyter_client' >/dev/null 2>&1 || need+=(jupyter-nbconvert python3-nbclient python3-ipykernel jupyter-client)
command -v jupyter-notebook >/dev/null 2>&1 || need+=(jupyter-notebook)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
[ ${#need[@]} -eq 0 ] && exit 0
cmd="apt-get update && apt-get install -y --no-install-recommends ${need[*]}"
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing the notebooks' Debian packages: ${need[*]}" >&2
  DEBIAN_FRONTEND=noninteractive bash -c "apt-get update -qq && apt-get install -y -qq --no-install-recommends ${need[*]}" >/dev/null
else
  echo "the notebooks need Debian packages that are missing: ${need[*]}" >&2
  echo "install them with:  sudo $cmd" >&2
  exit 1
fi
