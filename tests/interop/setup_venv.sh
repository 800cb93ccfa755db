#!/bin/sh
# setup_venv.sh DIR: a virtual environment at DIR over the system's Python packages, plus the webdataset library
# from PyPI (Debian does not package it). Keeps an existing DIR that already imports webdataset, so the interop
# tests download it once per build tree. Exits non-zero when PyPI cannot be reached.
set -eu
dir=${1:?usage: setup_venv.sh DIR}
if [ -x "$dir/bin/python" ] && "$dir/bin/python" -c 'import webdataset' 2>/dev/null; then
  exit 0
fi
/usr/bin/python3 -m venv --system-site-packages "$dir"
# numpy stays below 2: Debian 12's own compiled packages (PIL, scipy) are built against numpy 1.x.
"$dir/bin/python" -m pip install --quiet --disable-pip-version-check --timeout 20 --retries 1 \
  'numpy<2' 'webdataset==0.2.100'
"$dir/bin/python" -c 'import webdataset'
