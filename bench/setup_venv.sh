#!/usr/bin/env bash
# setup_venv.sh — the Python environment of the image-kernels benchmark's baselines.
#
# Creates bench/.venv from Debian's interpreter with --system-site-packages, so that Debian's
# python3-torch 1.13 / python3-torchvision 0.14 / python3-pil are used as they are, and installs
# Albumentations 2.0.8 (and, for bench/audio.py, audiomentations 0.43.1) from PyPI on top. NumPy is pinned below 2 (Debian's torch 1.13 is built against
# NumPy 1.x and breaks on 2.x), and opencv-python-headless below 4.11 (4.11+ wheels need NumPy 2).
# Idempotent: a venv that already imports everything at the pinned versions is left alone.
#
# Usage: bash bench/setup_venv.sh [VENV_DIR]        (default: bench/.venv)
# Needs:  apt-get install python3-venv python3-torch python3-torchvision python3-pil
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="${1:-$here/.venv}"
py=/usr/bin/python3

ALBU_VERSION=2.0.8
AUDIOMENTATIONS_VERSION=0.43.1  # bench/audio.py's waveform peer (it brings librosa for TimeStretch/PitchShift)
reqs=("albumentations==$ALBU_VERSION" "audiomentations==$AUDIOMENTATIONS_VERSION" "numpy<2"
      "opencv-python-headless<4.11")

check() {
  "$venv/bin/python" - "$ALBU_VERSION" "$AUDIOMENTATIONS_VERSION" <<'PY'
import sys
import numpy, torch, torchvision, PIL, albumentations, cv2, audiomentations, librosa  # noqa: F401
assert audiomentations.__version__ == sys.argv[2], audiomentations.__version__
from albumentations.pytorch import ToTensorV2  # noqa: F401
assert albumentations.__version__ == sys.argv[1], albumentations.__version__
assert int(numpy.__version__.split(".")[0]) < 2, numpy.__version__
torch.from_numpy(numpy.zeros((2, 2), numpy.uint8))   # fails when torch and NumPy disagree
print(f"venv ok: python {sys.version.split()[0]}, numpy {numpy.__version__}, torch {torch.__version__}, "
      f"torchvision {torchvision.__version__}, PIL {PIL.__version__}, albumentations {albumentations.__version__}, "
      f"cv2 {cv2.__version__}")
PY
}

if [[ -x "$venv/bin/python" ]] && check 2>/dev/null; then
  exit 0
fi

for m in torch torchvision PIL numpy; do
  "$py" -c "import $m" 2>/dev/null || {
    echo "setup_venv.sh: $py cannot import $m (apt-get install python3-torch python3-torchvision python3-pil python3-numpy)" >&2
    exit 1
  }
done

if [[ ! -x "$venv/bin/python" ]]; then
  "$py" -m venv --system-site-packages "$venv"
fi
"$venv/bin/python" -m pip install --disable-pip-version-check --quiet "${reqs[@]}"
check
