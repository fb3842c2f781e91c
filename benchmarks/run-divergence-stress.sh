#!/usr/bin/env bash
# Stress benchmark for issue 11 (random NaN): trains the tiny CNN with which trainings diverged at random
# (RELIABILITY-FINDINGS 1) once per seed and loss, each run in a fresh process (a fresh native engine), and counts the
# runs that diverged or failed. It then reruns the first seeds of every loss and checks that each rerun saved the
# same weight bytes as the first run (the reproducibility guarantee at a fixed --seed and --threads).
# Usage: bash benchmarks/run-divergence-stress.sh [--seeds N] [--reruns N] [--jobs N]
#   --seeds N   seeds 1..N per loss (default 50: 4 losses x 50 = 200 runs)
#   --reruns N  seeds rerun per loss for the bit-identity check (default 5)
#   --jobs N    runs at a time (default 1; 2 runs two trainings at once on the two cores, a harsher setting)
# Extra environment is passed through, e.g. ONEDNN_MAX_CPU_ISA=AVX512_CORE_BF16 to try oneDNN's AVX-512 kernels.
# Results go to artifacts/benchmarks/stress-<timestamp>/ (runs.tsv, one log per run). Exit code 1 if any run failed.
set -euo pipefail
cd "$(dirname "$0")/.."
seeds=50 reruns=5 jobs=1
while [ $# -gt 0 ]; do
  case "$1" in
    --seeds) seeds=$2; shift 2 ;;
    --reruns) reruns=$2; shift 2 ;;
    --jobs) jobs=$2; shift 2 ;;
    *) echo "error: unknown option $1 (expected --seeds N, --reruns N or --jobs N)" >&2; exit 2 ;;
  esac
done
bash scripts/ensure-data.sh
out="artifacts/benchmarks/stress-$(date -u +%Y%m%dT%H%M%SZ)"
bin="$out/bin"
mkdir -p "$out/runs"
# A private copy of the tool, so rebuilding the checkout during the run cannot swap its binaries.
dotnet build src/Siamese.Cli/Siamese.Cli.csproj -c Release -o "$bin" --nologo -v q -clp:ErrorsOnly >/dev/null
tiny=(--threads 2 --train-limit 1200 --epochs 1 --steps-per-epoch 4 --batch-size 32 --samples-per-class 8
      --validation-pairs 100 --no-evaluate --embedding-dim 8 --channels 8,8 --kernel-sizes 3,3 --hidden 16 --force)
losses=("contrastive" "triplet none" "triplet batch-hard" "quadruplet batch-hard")

one() { # tag seed loss miner -> prints "tag<TAB>seed<TAB>loss<TAB>miner<TAB>exit<TAB>weights-md5"
  local tag=$1 seed=$2 loss=$3 miner=$4 name="$1-$3-$4-$2"
  local args=(train --output "$out/runs/$name.siamese" --seed "$seed" --loss "$loss" "${tiny[@]}")
  [ "$miner" != "-" ] && args+=(--miner "$miner")
  local code=0
  dotnet "$bin/Siamese.Cli.dll" "${args[@]}" > "$out/runs/$name.log" 2>&1 || code=$?
  local md5="-"
  if [ "$code" -eq 0 ]; then md5=$(unzip -p "$out/runs/$name.siamese" weights.bin | md5sum | cut -d' ' -f1); fi
  rm -f "$out/runs/$name.siamese"
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$tag" "$seed" "$loss" "$miner" "$code" "$md5"
}
export -f one
export out bin
export tiny_args="${tiny[*]}"

jobs_list=()
for spec in "${losses[@]}"; do
  read -r loss miner <<< "$spec"
  for seed in $(seq 1 "$seeds"); do jobs_list+=("first $seed $loss ${miner:--}"); done
  for seed in $(seq 1 "$reruns"); do jobs_list+=("rerun $seed $loss ${miner:--}"); done
done

start=$(date +%s)
printf '%s\n' "${jobs_list[@]}" | xargs -P "$jobs" -L 1 bash -c 'tiny=($tiny_args); one "$@"' _ > "$out/runs.tsv"
seconds=$(( $(date +%s) - start ))

# Two passes over runs.tsv: the first runs' weights are all known before any rerun is compared (with --jobs above 1 a
# rerun may finish before the first run of its seed).
awk -F'\t' -v seconds="$seconds" -v jobs="$jobs" '
  FNR == NR { if ($1 == "first") md5[$3 " " $4, $2] = $6; next }
  $1 == "first" { runs++; key = $3 " " $4; total[key]++;
                  if ($5 == 3) { diverged++; div[key]++ } else if ($5 != 0) { failed++; fail[key]++ } }
  $1 == "rerun" { rr++; rkey = $3 " " $4; if ($5 != 0 || md5[rkey, $2] != $6) { differ++; dif[rkey]++ } }
  END {
    printf "%-24s %6s %9s %7s %18s\n", "loss / miner", "runs", "diverged", "failed", "reruns different"
    for (k in total) printf "%-24s %6d %9d %7d %18d\n", k, total[k], div[k] + 0, fail[k] + 0, dif[k] + 0
    printf "TOTAL: %d of %d runs diverged, %d failed otherwise; %d of %d same-seed reruns differed from the first run (%d s, %d at a time)\n",
      diverged, runs, failed, differ, rr, seconds, jobs
    exit (diverged + failed + differ > 0) ? 1 : 0
  }' "$out/runs.tsv" "$out/runs.tsv" | tee "$out/summary.txt"
