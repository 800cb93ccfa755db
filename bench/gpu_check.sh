#!/bin/bash
# bench/gpu_check.sh — the GPU check of issue 15 in one run, under 5 minutes, on a GPU machine (docs/cuda.md):
#   1. the machine: GPU, driver;
#   2. the build: auger_gpu_check from bench/.gpu (made by bench/gpu_prepare.py where auger builds: the GPU
#      machines have none of auger's Debian libraries and no registry, so nothing of auger is compiled there);
#   3. conformance: three planned batches of decoded photos on the GPU, each sample against the CPU path's result
#      (integers byte for byte, floats within 1e-5), and the kernels' CPU build against the same; each also as
#      the loader runs a batch (half its rows finished on the CPU and copied in after the kernels);
#   4. throughput: 256 decoded 224x224 u8 images through RandomResizedCrop + flip + ColorJitter + normalize, from
#      host memory to the normalised batch on the device, images/s; then Kornia 0.9 and DALI 2.4 on the same
#      images in the same run when importable (bench/gpu_peers.py), with the ratios and the 50,000 images/s target.
# Everything printed goes to $OUT (the device tool's folder; out/gpu_check without it): gpu_check.log,
# conformance.jsonl, auger_throughput.json, peers.json.
#
# Usage (from the repository root):  bash bench/gpu_check.sh
# With the device tool: run(command="bash bench/gpu_check.sh", carry=["bench/.gpu"], timeout_s=420)
set -uo pipefail
OUT=${OUT:-out/gpu_check}
mkdir -p "$OUT"
G=bench/.gpu
export PYTHONUNBUFFERED=1

main() {
  local status=0
  echo "== machine ($(date -u +%FT%TZ))"
  nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader || echo "nvidia-smi: none"
  lscpu | grep -E "^Model name|^Flags" | cut -c1-200

  echo "== build"
  if [ ! -x "$G/auger_gpu_check" ] || ! ls "$G"/conf_*.plan >/dev/null 2>&1 || [ ! -f "$G/throughput.plan" ]; then
    echo "bench/.gpu is missing or incomplete: run '/usr/bin/python3 bench/gpu_prepare.py --wheels' where auger" \
         "builds, then carry bench/.gpu"
    return 3
  fi
  ls -la "$G"

  echo "== conformance (GPU and the kernels' CPU build against the CPU path's results)"
  : >"$OUT/conformance.jsonl"
  for plan in "$G"/conf_*.plan; do
    echo "-- $(basename "$plan")"
    timeout 120 "$G/auger_gpu_check" conformance "$plan" | tee -a "$OUT/conformance.jsonl" || status=1
  done

  echo "== throughput: auger, batch of 256 decoded 224x224 u8 images"
  timeout 90 "$G/auger_gpu_check" throughput "$G/throughput.plan" --seconds 10 | tee "$OUT/auger_throughput.json" ||
    status=1

  echo "== peers: Kornia 0.9, DALI 2.4 (when importable)"
  if ls "$G"/wheels/*.whl >/dev/null 2>&1; then
    python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/peers \
      "$G"/wheels/*.whl && export PYTHONPATH=/tmp/peers${PYTHONPATH:+:$PYTHONPATH}
  fi
  timeout 200 python3 bench/gpu_peers.py --plan "$G/throughput.plan" --auger "$OUT/auger_throughput.json" \
    --seconds 10 --json-out "$OUT/peers.json" || status=1
  echo "== done: status $status"
  return $status
}

main 2>&1 | tee "$OUT/gpu_check.log"
exit "${PIPESTATUS[0]}"
