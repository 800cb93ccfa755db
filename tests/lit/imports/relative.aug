# RUN: %auger check %s 2>&1 | FileCheck %s --allow-empty --check-prefix=OK
# RUN: cd %S/Inputs && %auger check %s 2>&1 | FileCheck %s --allow-empty --check-prefix=OK
# A file import is relative to the importing file, not to the working directory.
# OK-NOT: {{error|warning}}

import "Inputs/lib/colors.aug"

sample Photo {
  image: image(rgb)
}

policy train on Photo {
  warm(strength: 0.5)
  brightness(factor: warm_factor)
}
