# RUN: not %auger check --format brief %s 2>&1 | FileCheck %s
# `requires { … }` in an op's declaration: which optional (`= none`) parameters a call may combine (E0407).

sample Photo {
  image: image(rgb)
}

sample Sentence {
  text: text(en)
}

policy train on Photo {
  # CHECK: argument_group.aug:[[@LINE+2]]:3: error[E0407]: `resize` takes at least one of `size`, `shorter`, `longer`; none is given
  # CHECK-NEXT: prims_image.aug:{{[0-9]+}}:{{[0-9]+}}: note: the requirement is declared here
  resize()
  # CHECK: argument_group.aug:[[@LINE+1]]:3: error[E0407]: `resize` takes at most one of `size`, `shorter`; given: `size`, `shorter`
  resize(size: 256, shorter: 256)
  resize(shorter: 256, longer: 512)
  resize(size: [224, 224])
  resize(longer: 512)
}

policy text on Sentence {
  # CHECK: argument_group.aug:[[@LINE+1]]:3: error[E0407]: `synonym_replace` takes exactly one of `n`, `p`; given: `n`, `p`
  synonym_replace(n: 2, p: 0.1)
  synonym_replace(n: 2)
  synonym_replace(p: 0.1)
}
# CHECK-NOT: error
