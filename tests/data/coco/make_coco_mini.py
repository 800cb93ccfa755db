#!/usr/bin/python3
"""Writes the tiny COCO data set the COCO source's tests read (runtime/io/coco_source.cpp, tests/run).

    /usr/bin/python3 tests/data/coco/make_coco_mini.py      # rewrites the files beside this script

mini/000000000001.png … 000000000003.png   three RGB images (80x60, 64x48, 64x48), smooth gradients with a few
                                            coloured blocks, so geometric ops visibly move them
annotations/instances_mini.json             two categories with non-contiguous ids listed out of order (dog 18,
                                            person 1: class indices person 0, dog 1); the images listed out of id
                                            order; annotations interleaved across images: rectangle and triangle
                                            polygons, an uncompressed RLE, a compressed RLE (encoded here as
                                            pycocotools' rleToString does), a crowd RLE; image 3 has no annotation
annotations/person_keypoints_mini.json      one category "person" with COCO's 17 keypoint names and skeleton;
                                            three people (17 keypoints each, some v=0 at (0, 0) as COCO writes
                                            them), one crowd region

Every segmentation is axis-aligned with integer corners except the triangle, so a test can rasterise the others
with numpy slicing. The files are committed; the output is the same bytes on every run.
"""
import json
import os

import numpy as np
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))

# (id, file name, width, height), in the order the files list them.
IMAGES = [(2, "000000000002.png", 64, 48), (1, "000000000001.png", 80, 60), (3, "000000000003.png", 64, 48)]

KEYPOINT_NAMES = ["nose", "left_eye", "right_eye", "left_ear", "right_ear", "left_shoulder", "right_shoulder",
                  "left_elbow", "right_elbow", "left_wrist", "right_wrist", "left_hip", "right_hip", "left_knee",
                  "right_knee", "left_ankle", "right_ankle"]
SKELETON = [[16, 14], [14, 12], [17, 15], [15, 13], [12, 13], [6, 12], [7, 13], [6, 7], [6, 8], [7, 9], [8, 10],
            [9, 11], [2, 3], [1, 2], [1, 3], [2, 4], [3, 5], [4, 6], [5, 7]]


def rect_mask(h, w, x0, y0, x1, y1):
    m = np.zeros((h, w), np.uint8)
    m[y0:y1, x0:x1] = 1
    return m


def rle_counts(mask):
    """maskApi's rleEncode: runs of the column-major mask, the first a run of zeros."""
    flat = mask.flatten(order="F")
    counts, prev, run = [], 0, 0
    for v in flat:
        if v != prev:
            counts.append(run)
            run, prev = 0, v
        run += 1
    counts.append(run)
    return counts


def rle_string(counts):
    """maskApi's rleToString: 5 bits a character plus a continuation bit, deltas after the third run."""
    out = []
    for i, c in enumerate(counts):
        x = c - counts[i - 2] if i > 2 else c
        more = True
        while more:
            ch = x & 0x1F
            x >>= 5
            more = x != -1 if ch & 0x10 else x != 0
            if more:
                ch |= 0x20
            out.append(chr(ch + 48))
    return "".join(out)


def rect_poly(x0, y0, x1, y1):
    return [[x0, y0, x1, y0, x1, y1, x0, y1]]


def ann(id_, image_id, category_id, segmentation, bbox, crowd=0, **extra):
    a = {"id": id_, "image_id": image_id, "category_id": category_id, "segmentation": segmentation,
         "area": float(bbox[2] * bbox[3]), "bbox": [float(v) for v in bbox], "iscrowd": crowd}
    a.update(extra)
    return a


def images_json():
    return [{"id": i, "file_name": f, "width": w, "height": h, "license": 1} for i, f, w, h in IMAGES]


def instances():
    return {
        "info": {"description": "auger's tiny COCO test set", "version": "1.0", "year": 2024},
        "licenses": [{"id": 1, "name": "CC0", "url": ""}],
        "images": images_json(),
        "annotations": [
            ann(101, 2, 1, rect_poly(8, 6, 24, 30), [8, 6, 16, 24]),
            ann(102, 1, 18, {"counts": rle_string(rle_counts(rect_mask(60, 80, 40, 10, 60, 40))), "size": [60, 80]},
                [40, 10, 20, 30]),
            ann(103, 2, 18, [[30, 10, 56, 10, 43, 40]], [30, 10, 26, 30]),
            ann(104, 2, 1, {"counts": rle_counts(rect_mask(48, 64, 0, 36, 6, 48)), "size": [48, 64]},
                [0, 36, 6, 12], crowd=1),
            ann(105, 1, 1, {"counts": rle_counts(rect_mask(60, 80, 4, 20, 20, 50)), "size": [60, 80]},
                [4, 20, 16, 30]),
            # Overlaps 105: painted later, it wins there.
            ann(106, 1, 18, rect_poly(14, 30, 34, 56), [14, 30, 20, 26]),
        ],
        "categories": [{"id": 18, "name": "dog", "supercategory": "animal"},
                       {"id": 1, "name": "person", "supercategory": "person"}],
    }


def keypoints_in(box, rng):
    x, y, w, h = box
    flat = []
    for _ in range(17):
        if rng.random() < 0.25:
            flat += [0, 0, 0]
        else:
            flat += [int(rng.integers(x, x + w)), int(rng.integers(y, y + h)), int(rng.integers(1, 3))]
    return flat


def person_keypoints():
    rng = np.random.default_rng(17)
    people = [(201, 2, [8, 6, 16, 24]), (202, 1, [40, 10, 20, 30]), (204, 1, [4, 20, 16, 30])]
    anns = []
    for id_, image_id, box in people:
        kps = keypoints_in(box, rng)
        anns.append(ann(id_, image_id, 1, rect_poly(box[0], box[1], box[0] + box[2], box[1] + box[3]), box,
                        keypoints=kps, num_keypoints=sum(1 for v in kps[2::3] if v > 0)))
    anns.insert(2, ann(203, 2, 1, {"counts": rle_counts(rect_mask(48, 64, 0, 36, 6, 48)), "size": [48, 64]},
                       [0, 36, 6, 12], crowd=1, keypoints=[0] * 51, num_keypoints=0))
    return {
        "info": {"description": "auger's tiny COCO keypoints test set", "version": "1.0", "year": 2024},
        "licenses": [{"id": 1, "name": "CC0", "url": ""}],
        "images": images_json(),
        "annotations": anns,
        "categories": [{"id": 1, "name": "person", "supercategory": "person", "keypoints": KEYPOINT_NAMES,
                        "skeleton": SKELETON}],
    }


def picture(w, h, seed):
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:h, 0:w]
    img = np.stack([xx * 255 // (w - 1), yy * 255 // (h - 1), (xx + yy) * 255 // (w + h - 2)], -1).astype(np.uint8)
    for _ in range(4):
        x, y = int(rng.integers(0, w - 8)), int(rng.integers(0, h - 8))
        img[y:y + 8, x:x + 8] = rng.integers(0, 256, 3, dtype=np.uint8)
    return img


def main():
    os.makedirs(os.path.join(HERE, "mini"), exist_ok=True)
    os.makedirs(os.path.join(HERE, "annotations"), exist_ok=True)
    for k, (_, name, w, h) in enumerate(IMAGES):
        Image.fromarray(picture(w, h, k)).save(os.path.join(HERE, "mini", name))
    for name, data in (("instances_mini.json", instances()), ("person_keypoints_mini.json", person_keypoints())):
        with open(os.path.join(HERE, "annotations", name), "w") as f:
            json.dump(data, f, indent=1)
            f.write("\n")


if __name__ == "__main__":
    main()
