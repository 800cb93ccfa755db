#!/usr/bin/env python3
"""One trial of examples/search_digits: train a small CNN on scikit-learn's digits through auger.Loader with the
`train` policy of digits.aug bound to the given arguments, and print its validation accuracy (the last number on
stdout is the score `auger search` reads).

    /usr/bin/python3 examples/search_digits/train.py magnitude=12 p=0.5 [--epochs 4] [--data DIR]

The images are written once as PNG class folders (32×32 RGB, upscaled from 8×8) into DIR (default:
$TMPDIR/auger-search-digits), a small training split so that augmentation matters, the rest for validation.
"""
import argparse
import os
import sys
import tempfile

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
POLICY = os.path.join(HERE, "digits.aug")
TRAIN_PER_CLASS = 40  # 400 training images; the other ~1400 validate


def write_digits(root):
    """train/<class>/<i>.png and val/<class>/<i>.png, once (a marker file says the folder is complete)."""
    done = os.path.join(root, ".complete")
    if os.path.exists(done):
        return
    from PIL import Image
    from sklearn.datasets import load_digits

    digits = load_digits()
    seen = {c: 0 for c in range(10)}
    for i, (img, label) in enumerate(zip(digits.images, digits.target)):
        split = "train" if seen[label] < TRAIN_PER_CLASS else "val"
        seen[label] += 1
        folder = os.path.join(root, split, str(label))
        os.makedirs(folder, exist_ok=True)
        grey = Image.fromarray((img * (255 / 16)).astype(np.uint8)).resize((32, 32), Image.BILINEAR)
        grey.convert("RGB").save(os.path.join(folder, f"{i:04d}.png"))
    open(done, "w").close()


def model():
    import torch.nn as nn

    return nn.Sequential(
        nn.Conv2d(3, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(32 * 8 * 8, 64), nn.ReLU(), nn.Linear(64, 10))


def accuracy(net, loader):
    import torch

    net.eval()
    right = total = 0
    with torch.no_grad():
        for batch in loader:
            right += (net(batch["image"]).argmax(1) == batch["label"]).sum().item()
            total += len(batch["label"])
    return right / total


def train(args, data, epochs, seed=0):
    import torch

    import auger

    torch.manual_seed(seed)
    torch.set_num_threads(1)
    policy = auger.load(POLICY, "train", args=args, seed=seed)
    train_loader = auger.Loader(policy, source=os.path.join(data, "train"), batch_size=32, workers=1,
                                shuffle=True, drop_last=False)
    val_loader = auger.Loader(auger.load(POLICY, "eval"), source=os.path.join(data, "val"), batch_size=256)
    net = model()
    opt = torch.optim.Adam(net.parameters(), lr=2e-3)
    for epoch in range(epochs):
        train_loader.set_epoch(epoch)
        net.train()
        for batch in train_loader:
            opt.zero_grad()
            loss = torch.nn.functional.cross_entropy(net(batch["image"]), batch["label"])
            loss.backward()
            opt.step()
    return accuracy(net, val_loader)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("bindings", nargs="*", help="name=value words (what `{args}` becomes)")
    ap.add_argument("--epochs", type=int, default=15)
    ap.add_argument("--data", default=os.path.join(tempfile.gettempdir(), "auger-search-digits"))
    opts = ap.parse_args()
    args = {}
    for word in opts.bindings:
        name, _, value = word.partition("=")
        args[name] = value  # --set text: auger.load parses it against the parameter's type and domain
    write_digits(opts.data)
    acc = train(args, opts.data, opts.epochs)
    print(f"val_accuracy {acc:.4f}")


if __name__ == "__main__":
    sys.exit(main())
