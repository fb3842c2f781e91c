#!/usr/bin/env python3
"""Prints the library's namespace dependencies (from code, not doc comments) and any cycle among them.

Usage: python3 scripts/namespace-cycles.py [src/Siamese]; exits 1 when there is a cycle.
"""
import glob
import re
import sys

root = sys.argv[1] if len(sys.argv) > 1 else "src/Siamese"
files = [f for f in glob.glob(root + "/**/*.cs", recursive=True) if "/obj/" not in f and "/bin/" not in f]
namespaces = {}
for f in files:
    m = re.search(r"^namespace ([\w.]+);", open(f, encoding="utf-8").read(), re.M)
    if m:
        namespaces[f] = m.group(1)
short = sorted({n.split(".", 1)[1] for n in namespaces.values() if "." in n})
deps = {n: set() for n in short}
for f, ns in namespaces.items():
    if "." not in ns:
        continue
    me = ns.split(".", 1)[1]
    code = "\n".join(l for l in open(f, encoding="utf-8") if not l.lstrip().startswith("///"))
    for other in short:
        if other == me:
            continue
        o = re.escape(other)
        if re.search(r"\busing (static )?Siamese\." + o + r";", code) or re.search(r"\bSiamese\." + o + r"\.[A-Z]\w*\b(?!\.[A-Z]\w*;)", code) \
                or re.search(r"(?<![\w.])" + o + r"\.[A-Z]\w*\b", code):
            deps[me].add(other)
for n in short:
    print(f"{n:12} -> {', '.join(sorted(deps[n])) or '-'}")
# cycles: strongly connected components of size > 1
index, low, stack, on, comps, counter = {}, {}, [], set(), [], [0]
def visit(v):
    index[v] = low[v] = counter[0]; counter[0] += 1; stack.append(v); on.add(v)
    for w in deps[v]:
        if w not in index:
            visit(w); low[v] = min(low[v], low[w])
        elif w in on:
            low[v] = min(low[v], index[w])
    if low[v] == index[v]:
        comp = []
        while True:
            w = stack.pop(); on.discard(w); comp.append(w)
            if w == v:
                break
        if len(comp) > 1:
            comps.append(sorted(comp))
for v in short:
    if v not in index:
        visit(v)
for c in comps:
    print("cycle:", " <-> ".join(c))
print("no namespace cycles" if not comps else f"{len(comps)} cycle(s)")
sys.exit(1 if comps else 0)
