#!/usr/bin/env python3
"""Builds WordNet-derived text pair sets for Siamese (issue 5). Python 3 standard library only.

Reads the WordNet 3.0 database files data.{noun,verb,adj,adv} (and the *.exc exception lists for
irregular forms) directly, and writes into the output folder (default data/wordnet/):

  word-definition/{train,validation,test}.tsv   word<TAB>definition<TAB>label
      a lemma with its own synset's definition (same) or with the definition of another synset
      (different); balanced; part of the negatives are "hard" (same lexicographer file).
  sentence-pairs/{train,validation,test}.tsv    sentence1<TAB>sentence2<TAB>label
      two example sentences of one synset (same) or of two unrelated synsets (different); balanced.
  sentence-scores/{train,validation,test}.tsv   sentence1<TAB>sentence2<TAB>score
      graded: example sentences of two noun synsets scored by their Wu-Palmer similarity in [0, 1] (1 for two
      examples of one synset); a third of one synset, a third from one lexicographer file, a third at random.
  */*.synsets.tsv   the synset ids (pos+offset, e.g. n02084071) behind each row, same order
  stats.txt, README

The split is by synset: every synset belongs to exactly one of train/validation/test, and a pair only
combines synsets of one split. Every lemma of a synset, and every part (3+ letters, no stop word) of a
multi-word or hyphenated lemma, is replaced by ___ in that synset's definition and examples: whole word,
case-insensitive, with cheap inflections (s/es/ed/d/ing/er/ers/est, e-dropping, y->i, doubled final
consonant, and the irregular forms of the *.exc files). Derived words (rich -> richness) are not caught.
Examples with fewer than 4 words besides the mask and definitions with fewer than 3 are dropped. A
negative whose definition contains the paired word, that shares a lemma with the positive's synset or
that is linked to it by a WordNet pointer is redrawn. Same seed -> byte-identical files.

  python3 scripts/build-wordnet-sets.py [--out data/wordnet] [--seed 5] [--max-train-words 20000] ...
  python3 scripts/build-wordnet-sets.py --self-test    # builds into a temp dir and checks the output
"""
import argparse
import hashlib
import os
import random
import re
import shutil
import sys
import tempfile
import time

MASK = "___"
POS_FILES = (("noun", "n"), ("verb", "v"), ("adj", "a"), ("adv", "r"))
SPLITS = ("train", "validation", "test")
MIN_DEFINITION_WORDS = 3   # words other than the mask
MIN_EXAMPLE_WORDS = 4
WORD_RE = re.compile(r"[A-Za-z0-9]+(?:['-][A-Za-z0-9]+)*")
ADJ_MARKER_RE = re.compile(r"\((?:a|p|ip)\)$")


# ----------------------------------------------------------------------------------------------
# Parsing


class Synset:
    __slots__ = ("id", "lexfile", "pos", "lemmas", "pointers", "definition", "examples", "hypernyms")

    def __init__(self, sid, lexfile, pos, lemmas, pointers, definition, examples, hypernyms=()):
        self.id = sid
        self.lexfile = lexfile
        self.pos = pos
        self.lemmas = lemmas          # display form: underscores -> spaces, adjective markers removed
        self.pointers = pointers      # ids of synsets linked by any pointer
        self.definition = definition  # raw, unmasked
        self.examples = examples      # raw, unmasked, without the quotes
        self.hypernyms = hypernyms    # ids of hypernyms and instance hypernyms (@, @i)


def split_gloss(gloss):
    """Splits a WordNet gloss into (definition, [examples]).

    The definition is everything before the first double quote that opens the gloss or follows a
    semicolon or colon (a quoted phrase inside the definition, '(in the phrase "make strides")', stays); examples are the "..." segments after it (text between them, such as an attribution
    '- Shakespeare' or a stray '; ', is dropped). Unbalanced trailing quotes are dropped."""
    gloss = gloss.strip()
    m = re.search(r'(?:^|[;:])\s*"', gloss)
    if m is None:
        return gloss.rstrip("; ").strip(), []
    definition = gloss[: m.start()].rstrip(";: ").strip()
    rest = gloss[m.start():]
    examples = [e.strip() for e in re.findall(r'"([^"]*)"', rest)]
    return definition, [e for e in examples if e]


def parse_data_file(path, pos_letter):
    synsets = []
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            if line.startswith("  "):  # license header
                continue
            head, sep, gloss = line.partition(" | ")
            if not sep:
                continue
            fields = head.split()
            offset, lexfile, ss_type = fields[0], int(fields[1]), fields[2]
            w_cnt = int(fields[3], 16)
            lemmas = []
            for i in range(w_cnt):
                word = ADJ_MARKER_RE.sub("", fields[4 + 2 * i]).replace("_", " ")
                if word not in lemmas:
                    lemmas.append(word)
            k = 4 + 2 * w_cnt
            p_cnt = int(fields[k])
            pointers = set()
            hypernyms = []
            for j in range(p_cnt):
                symbol, p_off, p_pos = fields[k + 1 + 4 * j], fields[k + 1 + 4 * j + 1], fields[k + 1 + 4 * j + 2]
                pointers.add(("a" if p_pos == "s" else p_pos) + p_off)
                if symbol in ("@", "@i"):
                    hypernyms.append(("a" if p_pos == "s" else p_pos) + p_off)
            definition, examples = split_gloss(gloss)
            # adjective satellites (ss_type s) live in data.adj; the id uses the file's letter
            synsets.append(Synset(pos_letter + offset, lexfile, ss_type, lemmas, pointers, definition, examples, tuple(hypernyms)))
    return synsets


def load_exceptions(wordnet_dir):
    """base form (lower case, spaces) -> set of irregular inflected forms, from {noun,verb,adj,adv}.exc."""
    forms = {}
    for name, _ in POS_FILES:
        path = os.path.join(wordnet_dir, name + ".exc")
        if not os.path.exists(path):
            continue
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in f:
                parts = line.split()
                if len(parts) < 2:
                    continue
                inflected = parts[0].replace("_", " ")
                for base in parts[1:]:
                    forms.setdefault(base.replace("_", " ").lower(), set()).add(inflected.lower())
    return forms


def load_wordnet(wordnet_dir):
    synsets = []
    for name, letter in POS_FILES:
        path = os.path.join(wordnet_dir, "data." + name)
        if not os.path.exists(path):
            sys.exit(f"error: {path} not found; run scripts/ensure-wordnet.sh (Debian package wordnet-base) "
                     "or pass --wordnet DIR")
        synsets.extend(parse_data_file(path, letter))
    return synsets, load_exceptions(wordnet_dir)


# ----------------------------------------------------------------------------------------------
# Masking

VOWELS = set("aeiou")


def surface_forms(lemma, exceptions):
    """Lower-case forms of a lemma to mask: the lemma, regular inflections, irregular forms.
    For a multi-word lemma only the last word is inflected."""
    lemma = lemma.lower()
    forms = {lemma}
    words = lemma.split(" ")
    prefix, last = " ".join(words[:-1]), words[-1]
    lasts = {last}
    if re.fullmatch(r"[a-z]+", last):
        for suffix in ("s", "es", "ed", "d", "ing", "er", "ers", "est"):
            lasts.add(last + suffix)
        if last.endswith("e") and len(last) > 2:
            for suffix in ("ing", "ed", "er", "ers", "est"):
                lasts.add(last[:-1] + suffix)
        if last.endswith("y") and len(last) > 2 and last[-2] not in VOWELS:
            for suffix in ("ies", "ied", "ier", "iest", "iness"):
                lasts.add(last[:-1] + suffix)
        if len(last) >= 3 and last[-1] not in VOWELS and last[-1] not in "wxy" and last[-2] in VOWELS:
            for suffix in ("ed", "ing", "er", "ers", "est"):
                lasts.add(last + last[-1] + suffix)
    for l in lasts:
        forms.add((prefix + " " + l) if prefix else l)
    for form in exceptions.get(lemma, ()):
        forms.add(form)
    return forms


def forms_regex(forms):
    # longest first so that "hot dog" wins over "hot"; spaces in a lemma match any run of spaces/hyphens
    alternatives = sorted(forms, key=lambda s: (-len(s), s))
    parts = [r"[\s\-]+".join(re.escape(w) for w in form.split(" ")) for form in alternatives]
    return re.compile(r"(?<![A-Za-z0-9])(?:" + "|".join(parts) + r")(?![A-Za-z0-9])", re.IGNORECASE)


def first_piece(form):
    pieces = [p for p in re.split(r"[^a-z0-9]+", form) if p]
    return pieces[0] if pieces else form


STOPWORDS = set("""a an the of in on at to for by with from and or but not no as is be it its off out up
down over under into onto upon per via de la le du van von der den del di da y et""".split())


def masked_words(lemmas):
    """The lemmas plus the parts (3+ letters, no stop word) of multi-word and hyphenated lemmas:
    "electric dipole moment" also masks "electric", "dipole" and "moment"."""
    words = []
    for lemma in lemmas:
        words.append(lemma)
        parts = [p for p in re.split(r"[\s\-]+", lemma) if p]
        if len(parts) > 1:
            words.extend(p for p in parts if len(p) >= 3 and p.lower() not in STOPWORDS)
    return list(dict.fromkeys(words))


class Masker:
    """Masks the given lemmas (with their inflections) in texts; compiles its regex only when needed."""

    def __init__(self, lemmas, exceptions=None):
        self.forms = set()
        for lemma in (masked_words(lemmas) if exceptions is not None else lemmas):
            self.forms |= surface_forms(lemma, exceptions) if exceptions is not None else {lemma.lower()}
        self.rx = None

    def regex(self):
        if self.rx is None:
            self.rx = forms_regex(self.forms)
        return self.rx

    def present(self, text):
        """The forms whose first piece occurs in the text: the only ones that can match."""
        tokens = set(re.findall(r"[a-z0-9]+", text.lower()))
        return {f for f in self.forms if first_piece(f) in tokens}

    def mask(self, text):
        forms = self.present(text)
        return forms_regex(forms).sub(MASK, text) if forms else text

    def search(self, text):
        forms = self.present(text)
        return bool(forms) and forms_regex(forms).search(text) is not None


def mask_regex(lemmas, exceptions):
    return Masker(lemmas, exceptions).regex()


def plain_regex(lemmas):
    """Whole-word, case-insensitive match of the lemmas themselves (used by the checks)."""
    return Masker(lemmas).regex()


def clean(text):
    return re.sub(r"\s+", " ", text.replace("\t", " ")).strip()


def content_words(text):
    return [w for w in WORD_RE.findall(text.replace(MASK, " "))]


class Item:
    """A synset with masked texts, ready for pairing."""
    __slots__ = ("id", "lexfile", "pos", "lemmas", "related", "definition", "examples")


def prepare(synsets, exceptions):
    items = []
    for s in synsets:
        rx = Masker(s.lemmas, exceptions)
        it = Item()
        it.id, it.lexfile, it.pos, it.lemmas = s.id, s.lexfile, s.pos, s.lemmas
        it.related = s.pointers
        d = clean(rx.mask(s.definition))
        it.definition = d if len(content_words(d)) >= MIN_DEFINITION_WORDS else None
        examples = []
        for e in s.examples:
            e = clean(rx.mask(e))
            if len(content_words(e)) >= MIN_EXAMPLE_WORDS and e not in examples:
                examples.append(e)
        it.examples = examples
        items.append(it)
    return items


# ----------------------------------------------------------------------------------------------
# Building


def split_by_synset(items, rng, fractions):
    order = sorted(items, key=lambda it: it.id)
    rng.shuffle(order)
    n = len(order)
    n_train = round(n * fractions[0])
    n_val = round(n * fractions[1])
    return {"train": order[:n_train], "validation": order[n_train:n_train + n_val], "test": order[n_train + n_val:]}


def word_in(word, text):
    return Masker([word]).search(text)


def build_word_definition(items, rng, max_pairs, hard_fraction):
    """Returns rows (word, definition, label, id_word, id_definition); max_pairs counts both labels."""
    usable = [it for it in items if it.definition is not None and it.lemmas]
    by_lexfile = {}
    for it in usable:
        by_lexfile.setdefault((it.pos if it.pos != "s" else "a", it.lexfile), []).append(it)
    candidates = list(usable)
    rng.shuffle(candidates)
    rows, n_hard = [], 0
    for it in candidates:
        if len(rows) + 2 > max_pairs:
            break
        word = rng.choice(it.lemmas)
        if word_in(word, it.definition):  # cannot happen after masking; kept as a guard
            continue
        lowered = {l.lower() for l in it.lemmas}
        hard = rng.random() < hard_fraction
        pool = by_lexfile[(it.pos if it.pos != "s" else "a", it.lexfile)] if hard else usable
        other = None
        for _ in range(50):
            o = rng.choice(pool)
            if o is it or o.id in it.related or lowered & {l.lower() for l in o.lemmas}:
                continue
            if word_in(word, o.definition) or o.definition == it.definition:
                continue
            other = o
            break
        if other is None:
            continue
        n_hard += hard
        pair = [(word, it.definition, "same", it.id, it.id), (word, other.definition, "different", it.id, other.id)]
        rng.shuffle(pair)
        rows.extend(pair)
    return rows, n_hard


def build_sentence_pairs(items, rng, max_pairs):
    """Returns rows (s1, s2, label, id1, id2); max_pairs counts both labels."""
    pool = [it for it in items if len(it.examples) >= 2]
    candidates = list(pool)
    rng.shuffle(candidates)
    rows, used = [], set()
    # more than one positive per synset (a different pair of its examples) only when one pass over
    # the synsets is not enough
    for round_ in range(10):
        for it in candidates:
            if len(rows) + 2 > max_pairs:
                return rows
            n = len(it.examples)
            if n * (n - 1) // 2 <= round_:
                continue
            i, j = sorted(rng.sample(range(n), 2))
            if (it.id, i, j) in used:
                free = [(x, y) for x in range(n) for y in range(x + 1, n) if (it.id, x, y) not in used]
                i, j = rng.choice(free)
            used.add((it.id, i, j))
            a, b = it.examples[i], it.examples[j]
            lowered = {l.lower() for l in it.lemmas}
            other, sentence = None, None
            for _ in range(50):
                o = rng.choice(pool)
                if o is it or o.id in it.related or it.id in o.related or lowered & {l.lower() for l in o.lemmas}:
                    continue
                sentence = rng.choice(o.examples)
                if sentence in it.examples:
                    continue
                other = o
                break
            if other is None:
                continue
            anchor = rng.choice((a, b))
            pos = (a, b, "same", it.id, it.id)
            neg = (anchor, sentence, "different", it.id, other.id) if rng.random() < 0.5 else \
                (sentence, anchor, "different", other.id, it.id)
            pair = [pos, neg]
            rng.shuffle(pair)
            rows.extend(pair)
    return rows


def ancestor_depths(synsets):
    """sid -> {ancestor sid (itself included): its depth}, depth counted from 1 at a root, shortest path; for the
    noun and verb hierarchies (hypernym and instance-hypernym pointers)."""
    by_id = {s.id: s for s in synsets}
    depth_memo = {}

    def depth(sid):
        if sid not in depth_memo:
            depth_memo[sid] = 0  # guards against cycles; WordNet has none
            parents = [h for h in by_id[sid].hypernyms if h in by_id]
            depth_memo[sid] = 1 + (min(depth(h) for h in parents) if parents else 0)
        return depth_memo[sid]

    memo = {}

    def ancestors(sid):
        if sid not in memo:
            found = {sid}
            for h in by_id[sid].hypernyms:
                if h in by_id:
                    found |= ancestors(h)
            memo[sid] = found
        return memo[sid]

    sys.setrecursionlimit(10000)
    return lambda sid: {a: depth(a) for a in ancestors(sid)}


def build_sentence_scores(items, ancestors_of, rng, max_pairs):
    """Rows (s1, s2, score, id1, id2) over noun synsets: an example sentence of each of two synsets, scored by the
    Wu-Palmer similarity of the synsets (1 for two examples of one synset). A third of the pairs are of one synset,
    a third of two synsets of the same lexicographer file, a third of any two nouns, so the scores spread over
    [0, 1]."""
    pool = [it for it in items if it.pos == "n" and it.examples]
    by_lexfile = {}
    for it in pool:
        by_lexfile.setdefault(it.lexfile, []).append(it)
    twice = [it for it in pool if len(it.examples) >= 2]
    rows = []
    for i in range(10 * max_pairs):
        if len(rows) >= max_pairs:
            break
        kind = i % 3
        if kind == 0:
            if not twice:
                continue
            a = rng.choice(twice)
            x, y = rng.sample(a.examples, 2)
            rows.append((x, y, "1", a.id, a.id))
            continue
        a = rng.choice(pool)
        b = rng.choice(by_lexfile[a.lexfile]) if kind == 1 else rng.choice(pool)
        if b is a:
            continue
        da, db = ancestors_of(a.id), ancestors_of(b.id)
        common = set(da) & set(db)
        lcs = max((da[c] for c in common), default=0)
        # the depth of a synset is the depth of the synset itself in its own ancestor map
        score = 2.0 * lcs / (da[a.id] + db[b.id]) if lcs else 0.0
        rows.append((rng.choice(a.examples), rng.choice(b.examples), f"{min(score, 0.999):.3f}", a.id, b.id))
    return rows


def write_tsv(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\t".join(header) + "\n")
        for r in rows:
            f.write("\t".join(r[:3]) + "\n")
    with open(path[:-4] + ".synsets.tsv", "w", encoding="utf-8", newline="\n") as f:
        f.write("synset1\tsynset2\n")
        for r in rows:
            f.write(f"{r[3]}\t{r[4]}\n")


README_TEXT = """WordNet-derived text pair sets for Siamese (generated by scripts/build-wordnet-sets.py; not committed).

Provenance: WordNet 3.0, Princeton University (Debian package wordnet-base, /usr/share/wordnet).
WordNet is free to use, copy, modify and distribute under the WordNet 3.0 license of Princeton
University ("WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved."; see
/usr/share/doc/wordnet-base/copyright and https://wordnet.princeton.edu/license-and-commercial-use).
Cite: George A. Miller (1995). WordNet: A Lexical Database for English. Communications of the ACM 38(11): 39-41.

word-definition/{train,validation,test}.tsv  word<TAB>definition<TAB>label (same/different)
sentence-pairs/{train,validation,test}.tsv   sentence1<TAB>sentence2<TAB>label (same/different)
sentence-scores/{train,validation,test}.tsv  sentence1<TAB>sentence2<TAB>score (Wu-Palmer similarity of the two
                                             noun synsets in [0, 1]; 1 = two examples of one synset)
*.synsets.tsv                                the synset ids (pos letter + offset) behind each row
Lemmas are masked as ___ in their own synset's definition and examples. Split by synset.
"""


def build(args, log=print):
    t0 = time.time()
    synsets, exceptions = load_wordnet(args.wordnet)
    t_parse = time.time() - t0
    items = prepare(synsets, exceptions)
    t_mask = time.time() - t0 - t_parse
    rng = random.Random(args.seed)
    splits = split_by_synset(items, rng, (0.8, 0.1, 0.1))
    os.makedirs(os.path.join(args.out, "word-definition"), exist_ok=True)
    os.makedirs(os.path.join(args.out, "sentence-pairs"), exist_ok=True)
    stats = [f"source: WordNet 3.0 in {os.path.abspath(args.wordnet)}; seed {args.seed}",
             f"synsets parsed: {len(items)} (definitions usable after masking: "
             f"{sum(1 for it in items if it.definition)}; with >= 2 usable examples: "
             f"{sum(1 for it in items if len(it.examples) >= 2)})",
             "split by synset 80/10/10: " + ", ".join(f"{s} {len(splits[s])}" for s in SPLITS), ""]
    caps_w = {"train": args.max_train_words, "validation": args.max_eval_words, "test": args.max_eval_words}
    caps_s = {"train": args.max_train_sentences, "validation": args.max_eval_sentences, "test": args.max_eval_sentences}
    for split in SPLITS:
        # one generator per split and set, derived from the seed: a cap changed for one file leaves the others alone
        rw = random.Random(f"{args.seed}/word-definition/{split}")
        rows, n_hard = build_word_definition(splits[split], rw, caps_w[split], args.hard_fraction)
        write_tsv(os.path.join(args.out, "word-definition", split + ".tsv"), ("word", "definition", "label"), rows)
        same = sum(1 for r in rows if r[2] == "same")
        stats.append(f"word-definition/{split}.tsv: {len(rows)} pairs ({same} same, {len(rows) - same} different, "
                     f"{n_hard} of the different from the same lexicographer file), "
                     f"{len({r[3] for r in rows} | {r[4] for r in rows})} synsets")
    stats.append("")
    for split in SPLITS:
        rs = random.Random(f"{args.seed}/sentence-pairs/{split}")
        rows = build_sentence_pairs(splits[split], rs, caps_s[split])
        write_tsv(os.path.join(args.out, "sentence-pairs", split + ".tsv"), ("sentence1", "sentence2", "label"), rows)
        same = sum(1 for r in rows if r[2] == "same")
        stats.append(f"sentence-pairs/{split}.tsv: {len(rows)} pairs ({same} same, {len(rows) - same} different), "
                     f"{len({r[3] for r in rows} | {r[4] for r in rows})} synsets")
    stats.append("")
    os.makedirs(os.path.join(args.out, "sentence-scores"), exist_ok=True)
    ancestors_of = ancestor_depths(synsets)
    caps_g = {"train": args.max_train_scores, "validation": args.max_eval_scores, "test": args.max_eval_scores}
    for split in SPLITS:
        rg = random.Random(f"{args.seed}/sentence-scores/{split}")
        rows = build_sentence_scores(splits[split], ancestors_of, rg, caps_g[split])
        write_tsv(os.path.join(args.out, "sentence-scores", split + ".tsv"), ("sentence1", "sentence2", "score"), rows)
        scores = [float(r[2]) for r in rows]
        stats.append(f"sentence-scores/{split}.tsv: {len(rows)} pairs, scores mean {sum(scores) / len(scores):.3f}, "
                     f"{sum(1 for x in scores if x == 1.0)} of one synset, {sum(1 for x in scores if x < 0.5)} below 0.5")
    with open(os.path.join(args.out, "stats.txt"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(stats) + "\n")
    with open(os.path.join(args.out, "README"), "w", encoding="utf-8", newline="\n") as f:
        f.write(README_TEXT)
    log("\n".join(stats))
    log(f"wrote {args.out} in {time.time() - t0:.1f} s (parse {t_parse:.1f} s, mask {t_mask:.1f} s)")
    return synsets, exceptions


# ----------------------------------------------------------------------------------------------
# Self-test


def read_rows(path):
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    assert lines[-1] == "", f"{path}: no final newline"
    return [l.split("\t") for l in lines[:-1]]


def check(out, synsets, exceptions):
    by_id = {s.id: s for s in synsets}
    failures = []
    plain = {}

    def lemma_rx(sid):
        if sid not in plain:
            plain[sid] = Masker(masked_words(by_id[sid].lemmas))
        return plain[sid]

    n_checked = 0
    for kind, header in (("word-definition", ["word", "definition", "label"]),
                         ("sentence-pairs", ["sentence1", "sentence2", "label"])):
        seen = {}
        for split in SPLITS:
            rows = read_rows(os.path.join(out, kind, split + ".tsv"))
            ids = read_rows(os.path.join(out, kind, split + ".synsets.tsv"))
            if rows[0] != header:
                failures.append(f"{kind}/{split}: header {rows[0]}")
            rows, ids = rows[1:], ids[1:]
            if len(rows) != len(ids):
                failures.append(f"{kind}/{split}: {len(rows)} rows but {len(ids)} synset rows")
                continue
            if not rows:
                failures.append(f"{kind}/{split}: empty")
            labels = [r[2] for r in rows if len(r) == 3]
            if len(labels) != len(rows):
                failures.append(f"{kind}/{split}: rows without exactly 3 fields")
                continue
            if set(labels) - {"same", "different"}:
                failures.append(f"{kind}/{split}: labels {sorted(set(labels))}")
            if labels.count("same") != labels.count("different"):
                failures.append(f"{kind}/{split}: {labels.count('same')} same vs {labels.count('different')} different")
            for r, (a, b) in zip(rows, ids):
                n_checked += 1
                for sid in (a, b):
                    if sid in seen and seen[sid] != split:
                        failures.append(f"{kind}: synset {sid} in {seen[sid]} and {split}")
                    seen[sid] = split
                if (r[2] == "same") != (a == b):
                    failures.append(f"{kind}/{split}: label {r[2]} for synsets {a} {b}")
                if kind == "word-definition":
                    if r[0] not in by_id[a].lemmas:
                        failures.append(f"{kind}/{split}: word {r[0]!r} is no lemma of {a}")
                    if lemma_rx(b).search(r[1]):
                        failures.append(f"{kind}/{split}: a lemma (or lemma part) of {b} left in its definition: {r[1]!r}")
                    if Masker([r[0]]).search(r[1]):
                        failures.append(f"{kind}/{split}: word {r[0]!r} appears in its paired definition: {r[1]!r}")
                    if len(content_words(r[1])) < MIN_DEFINITION_WORDS:
                        failures.append(f"{kind}/{split}: definition too short: {r[1]!r}")
                else:
                    for text, sid in ((r[0], a), (r[1], b)):
                        if lemma_rx(sid).search(text):
                            failures.append(f"{kind}/{split}: a lemma (or lemma part) of {sid} left in its example: {text!r}")
                        if len(content_words(text)) < MIN_EXAMPLE_WORDS:
                            failures.append(f"{kind}/{split}: example too short: {text!r}")
                    if r[0] == r[1]:
                        failures.append(f"{kind}/{split}: identical sentences: {r[0]!r}")
                    if r[2] == "different" and (a in by_id[b].pointers or b in by_id[a].pointers):
                        failures.append(f"{kind}/{split}: 'different' synsets {a} {b} are linked")
    seen = {}
    for split in SPLITS:
        rows = read_rows(os.path.join(out, "sentence-scores", split + ".tsv"))
        ids = read_rows(os.path.join(out, "sentence-scores", split + ".synsets.tsv"))
        if rows[0] != ["sentence1", "sentence2", "score"] or len(rows) != len(ids) or len(rows) < 2:
            failures.append(f"sentence-scores/{split}: header {rows[0]}, {len(rows)} rows, {len(ids)} synset rows")
            continue
        for r, (a, b) in zip(rows[1:], ids[1:]):
            n_checked += 1
            score = float(r[2])
            if not 0.0 <= score <= 1.0 or (score == 1.0) != (a == b) or by_id[a].pos != "n" or by_id[b].pos != "n":
                failures.append(f"sentence-scores/{split}: score {r[2]} for synsets {a} {b}")
            for text, sid in ((r[0], a), (r[1], b)):
                if lemma_rx(sid).search(text):
                    failures.append(f"sentence-scores/{split}: a lemma (or lemma part) of {sid} left in its example: {text!r}")
                if sid in seen and seen[sid] != split:
                    failures.append(f"sentence-scores: synset {sid} in {seen[sid]} and {split}")
                seen[sid] = split
    # the gloss splitter on hand-made cases
    cases = {
        'a tangible entity; an entity that can cast a shadow; "it was full of rackets; balls"':
            ("a tangible entity; an entity that can cast a shadow", ["it was full of rackets; balls"]),
        '(usually followed by `to\') able; "able to swim"; "she was able"  ':
            ("(usually followed by `to') able", ["able to swim", "she was able"]),
        'a quotation; "to be or not to be" - Shakespeare': ("a quotation", ["to be or not to be"]),
        'no examples here': ("no examples here", []),
        'progress (in the phrase "make strides"); "big strides"': ('progress (in the phrase "make strides")', ["big strides"]),
        'the act of putting: "he sent Smith in"': ("the act of putting", ["he sent Smith in"]),
    }
    for gloss, expected in cases.items():
        if split_gloss(gloss) != expected:
            failures.append(f"split_gloss({gloss!r}) = {split_gloss(gloss)!r}, expected {expected!r}")
    # masking of inflections, including irregular forms from the .exc files
    for lemma, text in (("run", "she ran and was running, runs"), ("bake", "baked baking bakes baker"),
                        ("fly", "it flies, it flied"), ("hot dog", "two hot-dogs"), ("go", "he went, gone")):
        masked = mask_regex([lemma], exceptions).sub(MASK, text)
        if re.search(r"\b(ran|run\w*|bak\w+|fl\w+|hot|dogs?|went|gone)\b", masked):
            failures.append(f"masking {lemma!r} in {text!r} gave {masked!r}")
    return failures, n_checked


def self_test(args):
    tmp = tempfile.mkdtemp(prefix="wordnet-sets-")
    try:
        args.out = os.path.join(tmp, "a")
        t0 = time.time()
        synsets, exceptions = build(args, log=lambda *_: None)
        failures, n = check(args.out, synsets, exceptions)
        print(f"self-test: built {args.out} ({time.time() - t0:.1f} s), checked {n} rows")
        # reproducibility: a second build with the same seed must be byte-identical
        first = digest_tree(args.out)
        args.out = os.path.join(tmp, "b")
        build(args, log=lambda *_: None)
        if digest_tree(args.out) != first:
            failures.append("two builds with the same seed differ")
        else:
            print("self-test: a second build with the same seed is byte-identical")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    for f in failures[:50]:
        print("FAIL:", f)
    if failures:
        print(f"self-test: {len(failures)} failure(s)")
        return 1
    print("self-test: passed (no lemma left in its own definition/examples, splits disjoint by synset, "
          "labels balanced, glosses split, inflections masked, reproducible)")
    return 0


def digest_tree(root):
    h = hashlib.sha256()
    for dirpath, dirnames, filenames in sorted(os.walk(root)):
        dirnames.sort()
        for name in sorted(filenames):
            path = os.path.join(dirpath, name)
            h.update(os.path.relpath(path, root).encode())
            with open(path, "rb") as f:
                h.update(hashlib.sha256(f.read()).digest())
    return h.hexdigest()


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--wordnet", default=os.environ.get("SIAMESE_WORDNET", "/usr/share/wordnet"),
                   help="folder with the WordNet 3.0 data.* files (default /usr/share/wordnet, or $SIAMESE_WORDNET)")
    p.add_argument("--out", default="data/wordnet", help="output folder (default data/wordnet)")
    p.add_argument("--seed", type=int, default=5, help="random seed (default 5)")
    p.add_argument("--max-train-words", type=int, default=20000, help="word-definition training pairs (default 20000)")
    p.add_argument("--max-eval-words", type=int, default=2500,
                   help="word-definition pairs in validation and in test, each (default 2500)")
    p.add_argument("--max-train-sentences", type=int, default=10000, help="sentence training pairs (default 10000)")
    p.add_argument("--max-eval-sentences", type=int, default=1250,
                   help="sentence pairs in validation and in test, each (default 1250)")
    p.add_argument("--max-train-scores", type=int, default=10000, help="graded sentence training pairs (default 10000)")
    p.add_argument("--max-eval-scores", type=int, default=1250, help="graded sentence validation/test pairs each (default 1250)")
    p.add_argument("--hard-fraction", type=float, default=0.5,
                   help="share of word-definition negatives drawn from the same lexicographer file (default 0.5)")
    p.add_argument("--self-test", action="store_true",
                   help="build into a temporary folder, check the output on the real data, build again and compare")
    args = p.parse_args()
    if args.self_test:
        sys.exit(self_test(args))
    build(args)


if __name__ == "__main__":
    main()
