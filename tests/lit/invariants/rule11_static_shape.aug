# RUN: not %auger check --format brief %s 2>&1 | FileCheck %s --implicit-check-not='error[' --implicit-check-not='warning['
# RUN: not %auger check --format text %s 2>&1 | FileCheck %s --check-prefix=TEXT --strict-whitespace
# Rule 11 (E0714): a `batch` block needs every tensor field's shape to be static. Error at the `batch`
# keyword, per field; a note at the statement where the shape stopped being static (or at the field when
# no statement ever fixed it) and a note suggesting `resize`/`center_crop` after the last statement before
# the batch (its last line when it spans several).
#
#
#
sample Photo {
  image: image(rgb)
  label: class(1000)
}

sample Seg {
  image: image(rgb)
  seg: mask(3)
  label: class(3)
}

sample Kws {
  audio: audio(16kHz, mono)
  label: class(12)
}

policy shorter_side on Photo {
  resize(shorter: 256)
  hflip() @p(0.5)
  # CHECK: rule11_static_shape.aug:[[@LINE+16]]:3: error[E0714]: batching needs a static shape, but `image` is input-dependent here
  # CHECK-NEXT: rule11_static_shape.aug:[[@LINE-3]]:3: note: its size stops being static here
  # CHECK-NEXT: {{^}}note: add `resize(size: [h, w])` or `center_crop(size: n)` after line [[#@LINE-3]]
  # TEXT: {{^}}error[E0714]: batching needs a static shape, but `image` is input-dependent here{{$}}
  # TEXT-NEXT: {{^}}  --> {{.*}}rule11_static_shape.aug:[[@LINE+12]]:3{{$}}
  # TEXT-NEXT: {{^}}   |{{$}}
  # TEXT-NEXT: {{^}}[[@LINE+10]] |   batch { mixup() }{{$}}
  # TEXT-NEXT: {{^}}   |   ^^^^^{{$}}
  # TEXT-NEXT: {{^}}   |{{$}}
  # TEXT-NEXT: {{^}}   = note: add `resize(size: [h, w])` or `center_crop(size: n)` after line [[#@LINE-10]]{{$}}
  # TEXT-NEXT: {{^}}note: its size stops being static here{{$}}
  # TEXT-NEXT: {{^}}  --> {{.*}}rule11_static_shape.aug:[[@LINE-13]]:3{{$}}
  # TEXT-NEXT: {{^}}   |{{$}}
  # TEXT-NEXT: {{^}}[[@LINE-15]] |   resize(shorter: 256){{$}}
  # TEXT-NEXT: {{^}}   |   ^^^^^^^^^^^^^^^^^^^^{{$}}
  # TEXT-EMPTY:
  batch { mixup() }
}

# No statement fixes the size: the note is at the field.
policy decoded on Photo {
  hflip()
  # CHECK: rule11_static_shape.aug:[[@LINE+3]]:3: error[E0714]: batching needs a static shape, but `image` is input-dependent here
  # CHECK-NEXT: rule11_static_shape.aug:11:3: note: its size is the decoded input's
  # CHECK-NEXT: {{^}}note: add `resize(size: [h, w])` or `center_crop(size: n)` after line [[#@LINE-3]]
  batch { cutmix() }
}

# Static, then dynamic again: `rotate(expand: true)` grows the canvas by an input-dependent amount.
policy expand on Photo {
  random_resized_crop(224)
  rotate(angle: uniform(-30deg, 30deg), expand: true)
  # CHECK: rule11_static_shape.aug:[[@LINE+3]]:3: error[E0714]: batching needs a static shape, but `image` is input-dependent here
  # CHECK-NEXT: rule11_static_shape.aug:[[@LINE-2]]:3: note: its size stops being static here
  # CHECK-NEXT: {{^}}note: add `resize(size: [h, w])` or `center_crop(size: n)` after line [[#@LINE-3]]
  batch { mixup() }
}

# One branch of a `one_of` is dynamic: the note is at that branch, the suggestion after the block's last line.
policy branch on Photo {
  random_resized_crop(224)
  one_of {
    resize(shorter: 200)
    hflip()
  }
  # CHECK: rule11_static_shape.aug:[[@LINE+3]]:3: error[E0714]: batching needs a static shape, but `image` is input-dependent here
  # CHECK-NEXT: rule11_static_shape.aug:[[@LINE-4]]:5: note: its size stops being static here
  # CHECK-NEXT: {{^}}note: add `resize(size: [h, w])` or `center_crop(size: n)` after line [[#@LINE-3]]
  batch { mixup() }
}

# A crop whose size is a fraction of the image is input-dependent too.
policy fraction on Photo {
  center_crop(size: 80%)
  # CHECK: rule11_static_shape.aug:[[@LINE+3]]:3: error[E0714]: batching needs a static shape, but `image` is input-dependent here
  # CHECK-NEXT: rule11_static_shape.aug:[[@LINE-2]]:3: note: its size stops being static here
  # CHECK-NEXT: {{^}}note: add `resize(size: [h, w])` or `center_crop(size: n)` after line [[#@LINE-3]]
  batch { mixup() }
}

# Every tensor field is reported: the image and the mask (which mixup rejects too, rule 7).
policy seg on Seg {
  resize(shorter: 128)
  # CHECK: rule11_static_shape.aug:[[@LINE+7]]:3: error[E0714]: batching needs a static shape, but `image` is input-dependent here
  # CHECK-NEXT: rule11_static_shape.aug:[[@LINE-2]]:3: note: its size stops being static here
  # CHECK-NEXT: {{^}}note: add `resize(size: [h, w])` or `center_crop(size: n)` after line [[#@LINE-3]]
  # CHECK-NEXT: rule11_static_shape.aug:[[@LINE+4]]:3: error[E0714]: batching needs a static shape, but `seg` is input-dependent here
  # CHECK-NEXT: rule11_static_shape.aug:[[@LINE-5]]:3: note: its size stops being static here
  # CHECK-NEXT: {{^}}note: add `resize(size: [h, w])` or `center_crop(size: n)` after line [[#@LINE-6]]
  # CHECK-NEXT: rule11_static_shape.aug:[[@LINE+1]]:11: error[E0709]: `mixup` mixes whole images and cannot carry mask `seg`
  batch { mixup() }
}

# Audio and spectrograms have the input's length; no statement made them so.
policy kws on Kws {
  melspec(n_mels: 40)
  # CHECK: rule11_static_shape.aug:[[@LINE+3]]:3: error[E0714]: batching needs a static shape, but `audio` is of variable length here
  # CHECK-NEXT: rule11_static_shape.aug:22:3: note: its length is the input's
  # CHECK-NOT: add `resize
  batch { mixup() }
}
# TEXT: {{^}}9 errors generated.{{$}}
