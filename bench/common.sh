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

# need_torch: installs Debian's python3-torch when $PYTHON cannot import torch (needs root, apt).
need_torch() {
  if ! "$PYTHON" -c 'import torch' 2>/dev/null; then
    echo ">> installing python3-torch (Debian)" >&2
    apt-get update -q >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3-torch >&2
  fi
}
