"""The webdataset side of the interop tests; runs under the venv that setup_venv.sh makes.

  wds_helper.py read URL                      one JSON line per sample WebDataset(URL) yields:
                                              {"key": ..., "members": {ext: {"sha256": ..., "size": ...}}}
  wds_helper.py decode URL                    one JSON line per sample, members decoded by webdataset (.npy, .png
                                              as arrays: shape, dtype, sha256 of the data; .json, .cls as values)
  wds_helper.py write OUT SAMPLES.json        webdataset.TarWriter; OUT ending in .gz compresses
  wds_helper.py shards PATTERN N SAMPLES.json webdataset.ShardWriter(PATTERN, maxcount=N)

SAMPLES.json is a list of samples as webdataset writes them, except that bytes values are {"b64": ...}.
"""
import base64
import hashlib
import json
import sys

import webdataset as wds


def load_samples(path):
    with open(path) as f:
        samples = json.load(f)
    return [{k: base64.b64decode(v["b64"]) if isinstance(v, dict) and "b64" in v else v for k, v in s.items()}
            for s in samples]


def main(argv):
    if argv[1] == "read":
        for sample in wds.WebDataset(argv[2], shardshuffle=False):
            members = {k: {"sha256": hashlib.sha256(v).hexdigest(), "size": len(v)}
                       for k, v in sample.items() if not k.startswith("__")}
            print(json.dumps({"key": sample["__key__"], "members": members}))
    elif argv[1] == "decode":
        # What a training script does with `auger run`'s shards: decode every member with webdataset's own
        # decoders (.npy → ndarray, .json → dict, .cls → int, .png → ndarray).
        for sample in wds.WebDataset(argv[2], shardshuffle=False).decode("rgb8"):
            out = {"key": sample["__key__"]}
            for k, v in sample.items():
                if k.startswith("__"):
                    continue
                if hasattr(v, "shape"):
                    out[k] = {"shape": list(v.shape), "dtype": str(v.dtype),
                              "sha256": hashlib.sha256(v.tobytes()).hexdigest()}
                else:
                    out[k] = v
            print(json.dumps(out))
    elif argv[1] == "write":
        with wds.TarWriter(argv[2], compress=argv[2].endswith(".gz")) as w:
            for sample in load_samples(argv[3]):
                w.write(sample)
    elif argv[1] == "shards":
        with wds.ShardWriter(argv[2], maxcount=int(argv[3]), verbose=0) as w:
            for sample in load_samples(argv[4]):
                w.write(sample)
    else:
        sys.exit(f"unknown command {argv[1]}")


if __name__ == "__main__":
    main(sys.argv)
