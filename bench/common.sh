# Sourced by bench/compare.sh and bench/train-bench.sh (from the repository root): what both start
# with.

# bench_args NAME [--quick]: sets QUICK (1 with --quick, else 0; any other argument prints the
# usage and exits 2), OUT (kept from the environment, default a fresh /tmp/kge4j-NAME.XXXXXX) and
# PYTHON (Debian's python3).
bench_args() {
  local name="$1"
  shift
  QUICK=0
  if [[ "${1:-}" == "--quick" ]]; then
    QUICK=1
  elif [[ $# -gt 0 ]]; then
    echo "usage: bench/$name.sh [--quick]" >&2
    exit 2
  fi
  OUT="${OUT:-$(mktemp -d "/tmp/kge4j-$name.XXXXXX")}"
  mkdir -p "$OUT"
  PYTHON=/usr/bin/python3
}

# need_torch: installs Debian's python3-torch when $PYTHON cannot import torch, and OpenBLAS when
# the system BLAS is not it (needs root, apt), then prints the BLAS PyTorch will use. Debian builds
# PyTorch with BLAS_INFO=generic: its matrix products go to libblas.so.3, which is the reference
# BLAS unless an optimized one is installed, and with the reference BLAS PyTorch's products ran
# 10-14x slower here (the evaluation 68 s against 5.8 s) — a peer that slow flatters every ratio.
need_torch() {
  if ! "$PYTHON" -c 'import torch' 2>/dev/null; then
    echo ">> installing python3-torch (Debian)" >&2
    apt-get update -q >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3-torch >&2
  fi
  local blas
  blas="$(readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3 2>/dev/null || true)"
  if [[ "$blas" != *openblas* ]]; then
    echo ">> installing OpenBLAS (libblas.so.3 is ${blas:-missing}, the reference BLAS)" >&2
    apt-get update -q >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q libopenblas0-pthread >&2
    blas="$(readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3 2>/dev/null || true)"
  fi
  echo ">> PyTorch's BLAS: $blas" >&2
}
