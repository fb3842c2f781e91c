#!/usr/bin/env python3
"""Writes a folder of class sub-folders from Fashion-MNIST, as Netpbm PGM files, to benchmark training on image folders.

Each of the 10 classes is also turned by 90, 180 and 270 degrees into classes of its own (as one-shot papers do with
Omniglot), giving 40 classes. Usage: make-class-folder.py OUT [--per-class 25] [--split test|train] [--data DIR]
"""
import argparse
import gzip
import os

NAMES = ["tshirt", "trouser", "pullover", "dress", "coat", "sandal", "shirt", "sneaker", "bag", "boot"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--per-class", type=int, default=25)
    parser.add_argument("--split", default="test", choices=["test", "train"])
    parser.add_argument("--data", default=os.environ.get("SIAMESE_FASHION_MNIST", "/usr/share/datasets/fashion-mnist"))
    args = parser.parse_args()
    prefix = "t10k" if args.split == "test" else "train"
    images = gzip.open(os.path.join(args.data, f"{prefix}-images-idx3-ubyte.gz")).read()[16:]
    labels = gzip.open(os.path.join(args.data, f"{prefix}-labels-idx1-ubyte.gz")).read()[8:]
    taken = {}
    for i, label in enumerate(labels):
        if taken.get(label, 0) >= args.per_class:
            continue
        taken[label] = taken.get(label, 0) + 1
        pixels = images[i * 784:(i + 1) * 784]
        rows = [pixels[r * 28:(r + 1) * 28] for r in range(28)]
        for turn in range(4):
            folder = os.path.join(args.out, f"{NAMES[label]}-{turn * 90}")
            os.makedirs(folder, exist_ok=True)
            with open(os.path.join(folder, f"{i:05d}.pgm"), "wb") as f:
                f.write(b"P5\n28 28\n255\n" + b"".join(bytes(r) for r in rows))
            # Counter-clockwise quarter turn for the next class.
            rows = [bytes(rows[c][27 - r] for c in range(28)) for r in range(28)]
    print(f"wrote {sum(taken.values()) * 4} images of {len(taken) * 4} classes to {args.out}")


if __name__ == "__main__":
    main()
