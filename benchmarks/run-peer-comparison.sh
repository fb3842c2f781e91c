#!/usr/bin/env bash
# Trains the same twin CNN with the same batch, steps and threads in Siamese (C#, TorchSharp/libtorch) and in
# Debian's Python PyTorch, alternating the two in one run, and prints the median pairs/s of each, their ratio,
# the median peak RSS of each and Siamese's RSS drift. --long instead runs Siamese alone for many epochs to
# measure how its RSS drifts from epoch 2 to the last epoch. See benchmarks/README.md.
set -euo pipefail

usage() {
  cat <<'USAGE'
usage: benchmarks/run-peer-comparison.sh [options] [-- architecture flags for both sides]
  --rounds N          siamese/pytorch pairs to run, alternating (default 3)
  --steps N           timed steps per run (default 300)
  --epochs E          epochs the steps are split into (default 3)
  --batch B           pairs per step (default 128)
  --threads T         threads for both sides (default 2)
  --warmup W          untimed warm-up steps per run (default 5)
  --seed S            seed (default 1)
  --long              run Siamese alone for --long-epochs x --long-steps (RSS drift); no peer
  --long-epochs E     epochs of the long run (default 12)
  --long-steps N      steps per epoch of the long run (default 200)
  --with-peer         with --long: run the PyTorch peer for the same long run afterwards, for comparison
  --skip-build        use the benchmark as already built in Release
Architecture flags after -- go to both programs unchanged, e.g. -- --channels 16,32 --hidden 128
(or -- --arch-json '{"Channels":[16,32]}').
Logs of every run are kept in artifacts/benchmarks/<timestamp>/.
USAGE
}

rounds=3 steps=300 epochs=3 batch=128 threads=2 warmup=5 seed=1
long=0 long_epochs=12 long_steps=200 with_peer=0 skip_build=0
arch=()
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds="$2"; shift 2 ;;
    --steps) steps="$2"; shift 2 ;;
    --epochs) epochs="$2"; shift 2 ;;
    --batch) batch="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --long) long=1; shift ;;
    --long-epochs) long_epochs="$2"; shift 2 ;;
    --long-steps) long_steps="$2"; shift 2 ;;
    --with-peer) with_peer=1; shift ;;
    --skip-build) skip_build=1; shift ;;
    -h|--help) usage; exit 0 ;;
    --) shift; arch=("$@"); break ;;
    *) echo "error: unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
done

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
python=/usr/bin/python3   # Debian's python with python3-torch, not a pyenv python on PATH
peer="$repo/benchmarks/peer_pytorch.py"
bench="$repo/benchmarks/Siamese.Benchmarks/bin/Release/net10.0/linux-x64/Siamese.Benchmarks"

# ---- prerequisites ---------------------------------------------------------------------------------------
sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
missing=()
for pkg in python3-torch python3-numpy libopenblas0-pthread; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "installing ${missing[*]} with apt-get..." >&2
  export DEBIAN_FRONTEND=noninteractive
  if ! $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null 2>&1; then
    $sudo_cmd apt-get update -qq >/dev/null
    $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null || {
      echo "error: could not install ${missing[*]} with apt-get" >&2; exit 1; }
  fi
fi
bash "$repo/scripts/ensure-data.sh"
if [ "$skip_build" -eq 0 ]; then
  echo "building Siamese.Benchmarks (Release)..." >&2
  dotnet build "$repo/benchmarks/Siamese.Benchmarks/Siamese.Benchmarks.csproj" -c Release -nologo -v quiet >/dev/null \
    || { echo "error: build failed; run: dotnet build benchmarks/Siamese.Benchmarks -c Release" >&2; exit 1; }
fi
[ -x "$bench" ] || { echo "error: $bench not found; build without --skip-build" >&2; exit 1; }

logs="$repo/artifacts/benchmarks/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$logs"

# The peer at its best: glibc malloc keeps freed tensor buffers (as TorchEngine's mallopt does for Siamese),
# OpenBLAS and OpenMP limited to the same thread count. OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE pass through as set.
run_peer() {
  MALLOC_MMAP_THRESHOLD_=33554432 MALLOC_TRIM_THRESHOLD_=1073741824 \
  OPENBLAS_NUM_THREADS="$threads" OMP_NUM_THREADS="$threads" \
    "$python" "$peer" "$@"
}

run_siamese() {
  "$bench" "$@"
}

field() { # field NAME LINE -> value of NAME=... in a RESULT line
  sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$2"
}

median() { # numbers on stdin, one a line
  sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) { print "nan"; exit } if (NR % 2) print v[(NR + 1) / 2]; else printf "%.1f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

result_of() { # result_of LOG -> its RESULT line, or fail
  grep '^RESULT ' "$1" || { echo "error: no RESULT line in $1:" >&2; tail -20 "$1" >&2; exit 1; }
}

echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
echo "peer:    $("$python" -c 'import torch, numpy; print("python", __import__("sys").version.split()[0], "torch", torch.__version__, "numpy", numpy.__version__)')"
echo "peer BLAS: $(OPENBLAS_NUM_THREADS="$threads" "$python" - <<'PY'
import re
import torch
torch.ones(64, 64) @ torch.ones(64, 64)  # make sure the BLAS is loaded
libs = sorted({line.split()[-1].rsplit("/", 2)[-2] + "/" + line.split()[-1].rsplit("/", 1)[-1]
               for line in open("/proc/self/maps") if "blas" in line})
config = torch.__config__.show()
info = [m.group(0) for m in re.finditer(r"(BLAS_INFO|LAPACK_INFO|USE_MKLDNN)=[^,\s]+", config)]
info += [line.strip(" -") for line in config.splitlines() if "MKL-DNN" in line]
print(", ".join(libs), "|", ", ".join(info))
PY
)"
echo "env:     OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-unset} OPENBLAS_L2_SIZE=${OPENBLAS_L2_SIZE:-unset} (left as they are)"
echo "logs:    $logs"

if [ "$long" -eq 1 ]; then
  total=$((long_epochs * long_steps))
  args=(--steps "$total" --epochs "$long_epochs" --batch "$batch" --threads "$threads" --warmup "$warmup" --seed "$seed" "${arch[@]}")
  echo; echo "long run: Siamese, $long_epochs epochs x $long_steps steps x $batch pairs, $threads threads"
  run_siamese "${args[@]}" | tee "$logs/siamese-long.log"
  s=$(result_of "$logs/siamese-long.log")
  p=""
  if [ "$with_peer" -eq 1 ]; then
    echo; echo "long run: PyTorch peer, same settings"
    run_peer "${args[@]}" | tee "$logs/pytorch-long.log"
    p=$(result_of "$logs/pytorch-long.log")
  fi
  echo
  printf '%-10s %10s %14s %16s %14s %10s\n' impl pairs/s peak_rss_MiB rss_epoch2_MiB rss_last_MiB drift_%
  for line in "$s" $([ -n "$p" ] && echo "__PEER__"); do
    [ "$line" = "__PEER__" ] && line="$p"
    printf '%-10s %10s %14s %16s %14s %10s\n' "$(field impl "$line")" "$(field pairs_per_s "$line")" "$(field peak_rss_mib "$line")" \
      "$(field rss_epoch2_mib "$line")" "$(field rss_last_mib "$line")" "$(field drift_pct "$line")"
  done
  drift=$(field drift_pct "$s")
  awk -v d="$drift" 'BEGIN {
    a = d < 0 ? -d : d
    printf "\nSiamese RSS drift epoch 2 -> last: %s%% (target: under 5%%, read as |drift|: %s)\n", d, (a < 5 ? "met" : "NOT met")
    if (d <= -5) print "(RSS fell over the run: no growth, but not flat either; see the per-epoch lines above)" }'
  exit 0
fi

args=(--steps "$steps" --epochs "$epochs" --batch "$batch" --threads "$threads" --warmup "$warmup" --seed "$seed" "${arch[@]}")
echo; echo "comparison: $rounds rounds, $steps steps in $epochs epochs x $batch pairs, $threads threads, alternating siamese/pytorch"
: >"$logs/results.txt"
for round in $(seq 1 "$rounds"); do
  for impl in siamese pytorch; do
    log="$logs/$impl-$round.log"
    if [ "$impl" = siamese ]; then run_siamese "${args[@]}" >"$log" 2>&1; else run_peer "${args[@]}" >"$log" 2>&1; fi
    line=$(result_of "$log")
    echo "$line" >>"$logs/results.txt"
    echo "round $round: $line"
  done
done

values() { grep "impl=$1 " "$logs/results.txt" | while read -r line; do field "$2" "$line"; done; }
s_params=$(values siamese params | sort -u); p_params=$(values pytorch params | sort -u)
if [ "$s_params" != "$p_params" ]; then
  echo "error: the two sides trained different networks (siamese params=$s_params, pytorch params=$p_params); the comparison is void" >&2
  exit 1
fi
s_rate=$(values siamese pairs_per_s | median); p_rate=$(values pytorch pairs_per_s | median)
s_peak=$(values siamese peak_rss_mib | median); p_peak=$(values pytorch peak_rss_mib | median)
s_drift=$(values siamese drift_pct | median); p_drift=$(values pytorch drift_pct | median)
ratio=$(awk -v s="$s_rate" -v p="$p_rate" 'BEGIN { printf "%.2f", s / p }')

echo
echo "medians over $rounds rounds ($steps steps, batch $batch, $threads threads):"
printf '%-10s %10s %14s %10s\n' impl pairs/s peak_rss_MiB drift_%
printf '%-10s %10s %14s %10s\n' siamese "$s_rate" "$s_peak" "$s_drift"
printf '%-10s %10s %14s %10s\n' pytorch "$p_rate" "$p_peak" "$p_drift"
echo "ratio siamese/pytorch pairs/s: $ratio"
awk -v r="$ratio" -v s="$s_peak" -v p="$p_peak" 'BEGIN {
  printf "targets: ratio >= 1.5: %s; Siamese peak RSS <= peer: %s\n", (r >= 1.5 ? "met" : "NOT met"), (s <= p ? "met" : "NOT met") }'
echo "(RSS drift over a long run: benchmarks/run-peer-comparison.sh --long)"
