# RUN: %auger lint --format brief %s 2>&1 | FileCheck %s --implicit-check-not='[AUG' --implicit-check-not='error[' --implicit-check-not='warning['
# AUG401: a crop on a sample with boxes with min_visibility 0; at the crop statement, a note at the argument.
sample Det {
  image: image(rgb)
  boxes: boxes(xyxy)
  classes: class(80)[]
}

sample Photo {
  image: image(rgb)
  label: class(10)
}

policy train(v: float in [0, 1] = 0.3) on Det {
  # CHECK: aug401_crop_boxes.aug:[[@LINE+2]]:3: warning[AUG401]: `random_resized_crop` may cut away every box of `boxes`, and `min_visibility: 0` keeps any sliver
  # CHECK-NEXT: aug401_crop_boxes.aug:[[@LINE+1]]:50: note: a box with 1% of its area inside the crop keeps its class
  random_resized_crop(size: 640, min_visibility: 0)
  # CHECK: aug401_crop_boxes.aug:[[@LINE+1]]:3: warning[AUG401]: `center_crop` may cut away
  center_crop(size: 600, min_visibility: 0.0)
  random_crop(size: 512, min_visibility: 0.3)
  crop(x: 0, y: 0, w: 256, h: 256, min_visibility: v)
  random_crop(size: 256, min_visibility: 0)  # auger: allow(AUG401)
}

policy photos on Photo {
  random_resized_crop(size: 224, min_visibility: 0)
}
