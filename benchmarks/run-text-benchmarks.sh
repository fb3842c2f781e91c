#!/usr/bin/env bash
# Text similarity on the WordNet-derived sets (issue 5), every figure from the command line tool itself:
#   1. sentence pairs (two example sentences of one synset vs of unrelated synsets): a twin text encoder against the
#      TF-IDF baseline fitted on the same training texts, wall time of training on the 10,000 pairs;
#   2. word vs definition: the shared-weight twin against pseudo-Siamese networks (a separate encoder per side, with
#      or without one shared word-vector table), each beside TF-IDF;
#   1b. graded sentence pairs (Wu-Palmer similarity of the synsets): Spearman and Pearson against TF-IDF;
#   3. embedding throughput in sentences/s (median of 3 runs of 'siamese embed' over every distinct sentence).
# Usage: bash benchmarks/run-text-benchmarks.sh [--quick]     (--quick: a tenth of the steps, to try the script)
# Results go to artifacts/experiments/text-<timestamp>/ (summary.tsv, one report folder and log per run).
set -euo pipefail
cd "$(dirname "$0")/.."
scale=1
[ "${1:-}" = "--quick" ] && scale=10
bash scripts/ensure-wordnet-sets.sh
out="artifacts/experiments/text-$(date -u +%Y%m%dT%H%M%SZ)"
bin="$out/bin"
mkdir -p "$out"
# A private copy of the tool, so rebuilding the checkout during the run cannot swap its binaries.
dotnet build src/Siamese.Cli/Siamese.Cli.csproj -c Release -o "$bin" --nologo -v q -clp:ErrorsOnly
siamese() { dotnet "$bin/Siamese.Cli.dll" "$@"; }
S=data/wordnet/sentence-pairs
W=data/wordnet/word-definition
common=(--same-labels same --different-labels different --baseline tfidf --force)

run() { # name set-folder extra-args...
  local name=$1 folder=$2; shift 2
  local start end
  start=$(date +%s.%N)
  siamese train --pairs "$folder/train.tsv" --validation-file "$folder/validation.tsv" --test-file "$folder/test.tsv" \
    "${common[@]}" -o "$out/$name.siamese" --report "$out/$name" "$@" > "$out/$name.log" 2>&1
  end=$(date +%s.%N)
  echo "$name $(echo "$end - $start" | bc)" >> "$out/wall.txt"
  echo "== $name: $(grep -E '^Saved' "$out/$name.log" | head -1)"
}

steps=$((100 / scale))
run sentences-twin-lstm "$S" --encoder lstm --epochs 3 --steps-per-epoch "$steps"
run sentences-twin-cnn "$S" --encoder cnn --epochs 3 --steps-per-epoch "$steps"
# graded: Wu-Palmer similarity of the two sentences' synsets; cosent, epochs chosen by validation Spearman
common=(--baseline tfidf --force)
run sentences-graded-lstm data/wordnet/sentence-scores --score score --score-range 0,1 --epochs 3 --steps-per-epoch "$steps"
common=(--same-labels same --different-labels different --baseline tfidf --force)
wsteps=$((200 / scale))
words=(--text1 word --text2 definition --epochs 5 --steps-per-epoch "$wsteps")
run words-twin-lstm "$W" "${words[@]}" --encoder lstm
run words-pseudo-lstm-lstm "$W" "${words[@]}" --encoder lstm --second-encoder lstm
run words-pseudo-lstm-lstm-shared "$W" "${words[@]}" --encoder lstm --second-encoder lstm --share-word-vectors
run words-pseudo-cnn-lstm "$W" "${words[@]}" --encoder cnn --second-encoder lstm

# Embedding throughput: every distinct sentence of the sentence-pair training file, through the trained LSTM twin.
python3 - "$S/train.tsv" "$out/sentences.txt" <<'PY'
import sys
seen, rows = set(), open(sys.argv[1], encoding="utf-8").read().splitlines()[1:]
with open(sys.argv[2], "w", encoding="utf-8") as f:
    for row in rows:
        for text in row.split("\t")[:2]:
            if text not in seen:
                seen.add(text); f.write(text + "\n")
PY
for i in 1 2 3; do
  siamese embed --model "$out/sentences-twin-lstm.siamese" --texts "$out/sentences.txt" --output "$out/embeddings.tsv" --force \
    | tr -s '\n ' '  ' | grep -oE '[0-9]+ texts/s' >> "$out/throughput.txt"
done

python3 - "$out" <<'PY'
import json, os, statistics, sys
out = sys.argv[1]
wall = dict(line.split() for line in open(os.path.join(out, "wall.txt")))
lines = ["run\tmodel AUC\ttfidf AUC\tmodel acc@thr\ttfidf acc@thr\tmodel P@1\ttfidf P@1\tmodel MRR\ttfidf MRR\tmodel Spearman\ttfidf Spearman\twall s"]
for name in wall:
    results = json.load(open(os.path.join(out, name, "metrics.json")))["results"]
    m, b = results[0], results[1]
    f = lambda r, *k: (lambda v: f"{v:.4f}" if isinstance(v, (int, float)) else "-")(
        __import__("functools").reduce(lambda d, key: (d or {}).get(key), k, r))
    lines.append("\t".join([name, f(m, "verification", "auc"), f(b, "verification", "auc"),
                            f(m, "thresholdAccuracy"), f(b, "thresholdAccuracy"),
                            f(m, "matching", "precisionAt1"), f(b, "matching", "precisionAt1"),
                            f(m, "matching", "meanReciprocalRank"), f(b, "matching", "meanReciprocalRank"),
                            f(m, "correlation", "spearman"), f(b, "correlation", "spearman"),
                            f"{float(wall[name]):.0f}"]))
rates = [int(l.split()[0]) for l in open(os.path.join(out, "throughput.txt"))]
lines.append(f"# embedding throughput (sentences-twin-lstm, {sum(1 for _ in open(os.path.join(out, 'sentences.txt')))} sentences): "
             f"median {statistics.median(rates)} sentences/s of {rates}")
open(os.path.join(out, "summary.tsv"), "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
PY
rm -rf "$bin"
echo "results in $out"
