"""Small inputs for the `auger run` hostile tests: a policy, tiny JPEGs, WebDataset tars and JSONL manifests with
whatever keys a test needs, and readers for what a run wrote."""
import io
import json
import os
import tarfile

import numpy as np

POLICY = "sample S { image: image(rgb) }\npolicy p on S { resize(size: [12, 12]) }\n"


def policy(tmp_path):
    p = tmp_path / "p.aug"
    p.write_text(POLICY)
    return str(p)


def jpeg(seed=0, size=16):
    from PIL import Image

    rng = np.random.default_rng(seed)
    buf = io.BytesIO()
    Image.fromarray(rng.integers(0, 255, (size, size, 3), dtype=np.uint8)).save(buf, format="JPEG", quality=90)
    return buf.getvalue()


def tar_source(path, member_names):
    """A WebDataset shard whose members have exactly these names (tarfile keeps `..` and `/` as given)."""
    with tarfile.open(path, "w") as t:
        for i, name in enumerate(member_names):
            data = jpeg(i)
            info = tarfile.TarInfo(name)
            info.size = len(data)
            t.addfile(info, io.BytesIO(data))
    return str(path)


def jsonl_source(folder, keys):
    """A JSONL manifest, one line per key, every line pointing at its own small JPEG."""
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "m.jsonl", "w") as f:
        for i, key in enumerate(keys):
            (folder / f"img{i}.jpg").write_bytes(jpeg(i))
            f.write(json.dumps({"key": key, "image": f"img{i}.jpg"}) + "\n")
    return str(folder / "m.jsonl")


def image_folder(folder, n, size=16):
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"im{i:02d}.jpg").write_bytes(jpeg(i, size))
    return str(folder)


def files_under(root):
    """Every file below root, relative, with its bytes."""
    out = {}
    for d, _, files in os.walk(root):
        for f in files:
            p = os.path.join(d, f)
            with open(p, "rb") as fh:
                out[os.path.relpath(p, root)] = fh.read()
    return out


def manifest(out):
    with open(os.path.join(out, "manifest.json")) as f:
        return json.load(f)


def tar_members(out):
    names = []
    for f in sorted(os.listdir(out)):
        if f.endswith(".tar"):
            with tarfile.open(os.path.join(out, f)) as t:
                names += t.getnames()
    return names
