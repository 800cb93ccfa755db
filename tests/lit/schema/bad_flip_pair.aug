# RUN: not %auger check --format brief %s 2>&1 | FileCheck %s
# Keypoint flip pairs are 0-based indices below the keypoint count (E0504).

sample Pose {
  image: image(rgb)
  # CHECK: bad_flip_pair.aug:[[@LINE+1]]:42: error[E0504]: flip pair (1, 3) is outside 0..2
  keypoints: keypoints(3, flip: [(0, 0), (1, 3)])
}

sample Pose2 {
  image: image(rgb)
  # CHECK-NEXT: bad_flip_pair.aug:[[@LINE+1]]:34: error[E0504]: flip pair (0, -1) is outside 0..2
  keypoints: keypoints(3, flip: [(0, -1)])
}

sample Fixed {
  image: image(rgb)
  keypoints: keypoints(3, flip: [(0, 0), (1, 2)])
}
# CHECK-NOT: error
