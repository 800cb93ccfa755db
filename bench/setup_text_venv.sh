#!/usr/bin/env bash
# setup_text_venv.sh — the Python environment of the text benchmark's peer (bench/text_eda.py): nlpaug 1.1.11 and
# NLTK from PyPI in bench/.venv-text (Debian's interpreter, --system-site-packages for NumPy). NLTK's own data
# (the WordNet corpus, the POS tagger) is not downloaded: text_eda.py points NLTK's WordNet reader at Debian's
# wordnet-base files. Idempotent.
#
# Usage: bash bench/setup_text_venv.sh [VENV_DIR]        (default: bench/.venv-text)
# Needs:  apt-get install python3-venv wordnet-base
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="${1:-$here/.venv-text}"
reqs=("nlpaug==1.1.11" "nltk==3.9.1" "numpy<2")

if [ -x "$venv/bin/python" ] && "$venv/bin/python" -c "import nlpaug, nltk; assert nlpaug.__version__ == '1.1.11'" 2>/dev/null; then
  echo "venv ok: $venv"
  exit 0
fi
/usr/bin/python3 -m venv --system-site-packages "$venv"
"$venv/bin/pip" install --quiet "${reqs[@]}"
"$venv/bin/python" -c "import nlpaug, nltk; print('venv ok: nlpaug', nlpaug.__version__, 'nltk', nltk.__version__)"
