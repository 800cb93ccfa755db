# RUN: %auger lint --format brief %s 2>&1 | FileCheck %s --implicit-check-not='[AUG' --implicit-check-not='error[' --implicit-check-not='warning['
# AUG303: a training policy that draws nothing; a deterministic one is fine, and so is any draw.
sample Photo {
  image: image(rgb)
  label: class(10)
}

# CHECK: aug303_no_randomness.aug:[[@LINE+1]]:8: warning[AUG303]: policy `train` draws nothing
policy train on Photo {
  resize(size: [224, 224])
  hflip()
}

policy prep on Photo deterministic {
  resize(size: [224, 224])
}

policy flips on Photo {
  hflip() @p(0.5)
}

policy crops on Photo {
  random_resized_crop(size: 224)
}

policy tilts on Photo {
  rotate(angle: uniform(-10deg, 10deg))
}

policy choices on Photo {
  one_of {
    hflip()
    vflip()
  }
}

# auger: allow(AUG303)
policy quiet on Photo {
  hflip()
}
