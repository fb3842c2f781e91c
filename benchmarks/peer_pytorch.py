#!/usr/bin/python3
"""PyTorch peer of Siamese.Benchmarks: the same twin CNN, loss, optimiser, pair sampling and batch.

Builds the encoder layer for layer as Siamese's ConvEncoder does from the same ConvEncoderSpec fields,
trains it with the contrastive loss (margin 1, positive margin 0) on L2 distances and plain Adam
(lr 1e-3) on balanced random pairs of Fashion-MNIST training images drawn fresh each step, and prints
per-epoch pairs/s and RSS and one RESULT line in the same format as the C# benchmark.

Meant for Debian's /usr/bin/python3 with python3-torch and python3-numpy (see run-peer-comparison.sh,
which also sets the allocator and BLAS environment the peer runs best with).
"""
import argparse
import gzip
import json
import os
import struct
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

EPSILON = 1e-12  # as Siamese's L2Distance: keeps the gradient of sqrt finite for identical embeddings


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--steps", type=int, default=300)
    p.add_argument("--epochs", type=int, default=3)
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--warmup", type=int, default=5)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--data", default=os.environ.get("SIAMESE_FASHION_MNIST") or "/usr/share/datasets/fashion-mnist")
    # Architecture: the ConvEncoderSpec fields, with the same defaults; applied in order, last one wins.
    p.add_argument("--arch-json", dest="arch", type=arch_from_json, action=ArchAction)
    p.add_argument("--channels", dest="arch", type=int_list("Channels"), action=ArchAction)
    p.add_argument("--kernels", dest="arch", type=int_list("KernelSizes"), action=ArchAction)
    p.add_argument("--convs-per-block", dest="arch", type=field("ConvolutionsPerBlock", int), action=ArchAction)
    p.add_argument("--hidden", dest="arch", type=field("HiddenDimension", int), action=ArchAction)
    p.add_argument("--embedding", dest="arch", type=field("EmbeddingDimension", int), action=ArchAction)
    p.add_argument("--batchnorm", dest="arch", type=field("BatchNorm", boolean), action=ArchAction)
    p.add_argument("--normalize", dest="arch", type=field("NormalizeOutput", boolean), action=ArchAction)
    p.add_argument("--dropout", dest="arch", type=field("Dropout", float), action=ArchAction)
    p.set_defaults(arch=dict(DEFAULT_ARCH))
    args = p.parse_args(argv)
    if args.steps < 1 or args.epochs < 1 or args.steps % args.epochs:
        p.error(f"--steps ({args.steps}) must be a positive multiple of --epochs ({args.epochs})")
    if args.batch < 2 or args.threads < 1 or args.warmup < 0:
        p.error("--batch must be at least 2, --threads at least 1 and --warmup at least 0")
    a = args.arch
    if len(a["KernelSizes"]) != len(a["Channels"]) or any(k % 2 == 0 for k in a["KernelSizes"]):
        p.error("kernel sizes must be odd, one per block of channels")
    return args


DEFAULT_ARCH = {  # ConvEncoderSpec's defaults
    "InputChannels": 1, "InputHeight": 28, "InputWidth": 28,
    "Channels": [32, 64, 128], "KernelSizes": [3, 3, 3], "ConvolutionsPerBlock": 1, "HiddenDimension": 256,
    "EmbeddingDimension": 64, "BatchNorm": True, "NormalizeOutput": True, "Dropout": 0.0,
}


class ArchAction(argparse.Action):
    """Merges one architecture change (a dict) into args.arch."""

    def __call__(self, parser, namespace, values, option_string=None):
        merged = dict(getattr(namespace, self.dest))
        merged.update(values)
        setattr(namespace, self.dest, merged)


def arch_from_json(text):
    """The whole spec from JSON, with property names matched case-insensitively as the C# side does."""
    by_lower = {k.lower(): k for k in DEFAULT_ARCH}
    result = dict(DEFAULT_ARCH)
    for key, value in json.loads(text).items():
        if key.lower() in by_lower:
            result[by_lower[key.lower()]] = value
    return result


def int_list(name):
    return lambda text: {name: [int(x) for x in text.split(",")]}


def field(name, convert):
    return lambda text: {name: convert(text)}


def boolean(text):
    t = text.lower()
    if t in ("true", "1", "yes"):
        return True
    if t in ("false", "0", "no"):
        return False
    raise argparse.ArgumentTypeError(f"needs true or false, not '{text}'")


def describe(a):
    return (f"channels={','.join(map(str, a['Channels']))} kernels={','.join(map(str, a['KernelSizes']))} "
            f"convs_per_block={a['ConvolutionsPerBlock']} hidden={a['HiddenDimension']} embedding={a['EmbeddingDimension']} "
            f"batchnorm={str(a['BatchNorm']).lower()} normalize={str(a['NormalizeOutput']).lower()} dropout={a['Dropout']:g}")


# ---- data: the gzipped IDX files, read as Siamese's IdxReader reads them -------------------------------

def read_idx(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    zero, dtype, ndim = struct.unpack(">HBB", data[:4])
    if zero != 0 or dtype != 0x08:
        raise ValueError(f"{path}: not an unsigned-byte IDX file")
    dims = struct.unpack(">" + "I" * ndim, data[4:4 + 4 * ndim])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)


def find(directory, name):
    for candidate in (os.path.join(directory, name + ".gz"), os.path.join(directory, name)):
        if os.path.exists(candidate):
            return candidate
    sys.exit(f"error: {name}(.gz) not found in {directory}; run scripts/ensure-data.sh")


def lookup_table(pixels):
    """InputNormalization.ComputeFrom: mean and population std of p/255 over every pixel; one float per byte value."""
    histogram = np.bincount(pixels.reshape(-1), minlength=256).astype(np.float64)
    values = np.arange(256, dtype=np.float64) / 255.0
    count = histogram.sum()
    mean = (histogram * values).sum() / count
    std = np.sqrt((histogram * (values - mean) ** 2).sum() / count)
    return ((values - mean) / std).astype(np.float32), mean, std


class BalancedPairs:
    """BalancedPairSampler's scheme: ceil(n/2) genuine pairs (two different items of a uniformly drawn class)
    and floor(n/2) impostor pairs (items of two different uniformly drawn classes), shuffled; vectorised."""

    def __init__(self, labels, seed):
        order = np.argsort(labels, kind="stable")
        classes, starts, counts = np.unique(labels[order], return_index=True, return_counts=True)
        self.order, self.starts, self.counts = order, starts, counts
        self.pairable = np.flatnonzero(counts >= 2)
        self.classes = len(classes)
        self.rng = np.random.default_rng(seed)

    def _member(self, cls, position):
        return self.order[self.starts[cls] + position]

    def next(self, n):
        r = self.rng
        g = (n + 1) // 2
        cls = self.pairable[r.integers(len(self.pairable), size=g)]
        a = (r.random(g) * self.counts[cls]).astype(np.int64)
        b = (r.random(g) * (self.counts[cls] - 1)).astype(np.int64)
        b += b >= a
        ca = r.integers(self.classes, size=n - g)
        cb = r.integers(self.classes - 1, size=n - g)
        cb += cb >= ca
        ia = (r.random(n - g) * self.counts[ca]).astype(np.int64)
        ib = (r.random(n - g) * self.counts[cb]).astype(np.int64)
        left = np.concatenate([self._member(cls, a), self._member(ca, ia)])
        right = np.concatenate([self._member(cls, b), self._member(cb, ib)])
        same = np.concatenate([np.ones(g, dtype=bool), np.zeros(n - g, dtype=bool)])
        perm = r.permutation(n)
        return left[perm], right[perm], same[perm]


# ---- model: Siamese's ConvEncoder, layer for layer ----------------------------------------------------

class ConvEncoder(nn.Module):
    def __init__(self, a):
        super().__init__()
        layers, channels, h, w = [], a["InputChannels"], a["InputHeight"], a["InputWidth"]
        bn = a["BatchNorm"]
        for out, k in zip(a["Channels"], a["KernelSizes"]):
            for _ in range(a["ConvolutionsPerBlock"]):
                layers.append(nn.Conv2d(channels, out, k, padding=k // 2, bias=not bn))
                if bn:
                    layers.append(nn.BatchNorm2d(out))
                layers.append(nn.ReLU())
                channels = out
            layers.append(nn.MaxPool2d(2))
            h, w = h // 2, w // 2
        layers.append(nn.Flatten())
        self.features = nn.Sequential(*layers)
        flat, head = channels * h * w, []
        if a["HiddenDimension"] > 0:
            head.append(nn.Linear(flat, a["HiddenDimension"], bias=not bn))
            if bn:
                head.append(nn.BatchNorm1d(a["HiddenDimension"]))
            head.append(nn.ReLU())
            flat = a["HiddenDimension"]
        if a["Dropout"] > 0:
            head.append(nn.Dropout(a["Dropout"]))
        head.append(nn.Linear(flat, a["EmbeddingDimension"]))
        self.head = nn.Sequential(*head)
        self.normalize = a["NormalizeOutput"]

    def forward(self, x):
        e = self.head(self.features(x))
        return F.normalize(e, p=2, dim=1) if self.normalize else e


def contrastive_loss(e1, e2, same, margin=1.0, positive_margin=0.0):
    """Hadsell et al. 2006 on L2 distances, as Siamese's ContrastiveLoss + L2Distance, mean over pairs."""
    d = ((e1 - e2).square().sum(-1) + EPSILON).sqrt()
    genuine = (d - positive_margin).clamp_min(0).square()
    impostor = (margin - d).clamp_min(0).square()
    return (0.5 * torch.where(same, genuine, impostor)).mean()


def rss_mib(field_name="VmRSS:"):
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field_name):
                return int(line.split()[1]) / 1024.0
    return float("nan")


def main(argv):
    args = parse_args(argv)
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    images = read_idx(find(args.data, "train-images-idx3-ubyte"))
    labels = read_idx(find(args.data, "train-labels-idx1-ubyte")).astype(np.int64)
    table, mean, std = lookup_table(images)
    a = args.arch
    pixels = images.reshape(len(images), a["InputChannels"], a["InputHeight"], a["InputWidth"])

    model = ConvEncoder(a)
    params = sum(p.numel() for p in model.parameters())
    print(f"ARCH {describe(a)} params={params}")
    print(f"CONFIG impl=pytorch steps={args.steps} epochs={args.epochs} batch={args.batch} threads={torch.get_num_threads()} "
          f"warmup={args.warmup} seed={args.seed} images={len(images)} mean={mean:.4f} std={std:.4f} torch={torch.__version__}")

    def gather(indices):
        return torch.from_numpy(table[pixels[indices]])

    def train(optimizer, sampler, steps):
        """Trainer.TrainStep, step after step: gather both sides, one forward over both, loss, backward, Adam."""
        total = 0.0
        for _ in range(steps):
            left, right, same = sampler.next(args.batch)
            x1, x2, is_same = gather(left), gather(right), torch.from_numpy(same)
            optimizer.zero_grad()
            both = model(torch.cat([x1, x2], 0))
            e1, e2 = both.split([x1.shape[0], x2.shape[0]], 0)
            loss = contrastive_loss(e1, e2, is_same)
            loss.backward()
            optimizer.step()
            value = loss.item()
            if not np.isfinite(value):
                sys.exit(f"error: the loss diverged ({value})")
            total += value
        return total / max(1, steps)

    model.train()
    if args.warmup > 0:
        # Like the C# side: a throw-away optimiser and sampler for the untimed warm-up.
        start = time.perf_counter()
        train(torch.optim.Adam(model.parameters(), lr=1e-3), BalancedPairs(labels, args.seed), args.warmup)
        print(f"warm-up: {args.warmup} steps in {time.perf_counter() - start:.2f} s (not timed), rss {rss_mib():.1f} MiB")

    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    sampler = BalancedPairs(labels, args.seed)
    steps_per_epoch = args.steps // args.epochs
    pairs = steps_per_epoch * args.batch
    rss_by_epoch, timed = [], 0.0
    for epoch in range(1, args.epochs + 1):
        start = time.perf_counter()
        loss = train(optimizer, sampler, steps_per_epoch)
        seconds = time.perf_counter() - start
        timed += seconds
        rss_by_epoch.append(rss_mib())
        print(f"epoch {epoch}/{args.epochs}: {pairs} pairs in {seconds:.2f} s = {pairs / seconds:.1f} pairs/s, "
              f"loss {loss:.4f}, rss {rss_by_epoch[-1]:.1f} MiB (anon {rss_mib('RssAnon:'):.1f}, file {rss_mib('RssFile:'):.1f})", flush=True)

    rss2 = rss_by_epoch[min(1, len(rss_by_epoch) - 1)]
    last = rss_by_epoch[-1]
    print(f"RESULT impl=pytorch pairs_per_s={args.steps * args.batch / timed:.1f} peak_rss_mib={rss_mib('VmHWM:'):.1f} "
          f"rss_epoch2_mib={rss2:.1f} rss_last_mib={last:.1f} drift_pct={100.0 * (last - rss2) / rss2:.2f} "
          f"steps={args.steps} epochs={args.epochs} batch={args.batch} threads={args.threads} params={params}")


if __name__ == "__main__":
    main(sys.argv[1:])
