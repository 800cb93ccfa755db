# RUN: %auger lint --format brief %s 2>&1 | FileCheck %s --implicit-check-not='[AUG' --implicit-check-not='error[' --implicit-check-not='warning['
# An allow comment speaks for the whole statement it is attached to, however it is wrapped: trailing on any of
# its lines, or alone on the line above its first line (docs/lint.md "Allowing a finding"). In a header, for the
# parameters on its line. What it is not attached to is still reported.
sample Photo {
  image: image(rgb)
}

policy train on Photo {
  random_resized_crop(size: 224)
  random_erasing(ratio: [0.3, 3.3], value: 0,
                 scale: [0.5, 0.9]) @p(0.25)
  random_erasing(scale: [0.5, 0.9], ratio: [0.3, 3.3],
                 value: 0) @p(0.25)  # auger: allow(AUG103)
  # auger: allow(erases-most)
  random_erasing(ratio: [0.3, 3.3], value: 0,
                 scale: [0.5, 0.9]) @p(0.25)
  one_of {  # auger: allow(AUG103)
    random_erasing(scale: [0.5, 0.9]) @p(0.25)
  }
}
# CHECK: allow_whole_statement.aug:12:25: warning[AUG103]
# CHECK: allow_whole_statement.aug:19:27: warning[AUG103]

# CHECK: allow_whole_statement.aug:[[@LINE+1]]:25: warning[AUG302]: the domain `3..3` of parameter `x`
policy points(x: int in 3..3 = 3,  # auger: allow(AUG301)
              y: int in 4..4 = 4) on Photo {  # auger: allow(AUG302)
  posterize(bits: x + y) @p(0.5)
}

# auger: allow(AUG302)
policy header(x: int in 3..3 = 3,
              y: int in 4..4 = 4) on Photo {
  posterize(bits: x + y) @p(0.5)
}
