# RUN: not %auger check --format brief %s 2>&1 | FileCheck %s --implicit-check-not='error[' --implicit-check-not='warning['
# RUN: not %auger check --format text %s 2>&1 | FileCheck %s --check-prefix=TEXT --strict-whitespace
# Rule 10 (E0713): a policy whose name starts with `eval`, `val` or `test` and is not `deterministic`. "Starts
# with" is by word: the name's first word — up to `_`, a digit or a lower-to-upper case change — is one of
# eval, evaluation, val, valid, validation, test, testing (any case). So `eval`, `val2`, `test_time`,
# `Validation`, `evalCrop` are evaluation policies; `value_net`, `testosterone`, `interval`, `my_eval` are not.
# Error at the policy's name; a note says why; when the body draws nothing, a fix-it inserts ` deterministic`
# after the sample's name.
import std.vision

sample Photo {
  image: image(rgb)
  label: class(1000)
}

# CHECK: rule10_eval_names.aug:[[@LINE+15]]:8: error[E0713]: policy `eval` looks like an evaluation policy but is not `deterministic`
# CHECK-NEXT: {{^}}note: evaluation must see the same input every time; train-time randomness leaks into the score
# CHECK-NEXT: rule10_eval_names.aug:[[@LINE+13]]:21: fix-it: insert ` deterministic`
# TEXT: {{^}}error[E0713]: policy `eval` looks like an evaluation policy but is not `deterministic`{{$}}
# TEXT-NEXT: {{^}}  --> {{.*}}rule10_eval_names.aug:[[@LINE+11]]:8{{$}}
# TEXT-NEXT: {{^}}   |{{$}}
# TEXT-NEXT: {{^}}[[@LINE+9]] | policy eval on Photo {{[{]$}}
# TEXT-NEXT: {{^}}   |        ^^^^{{$}}
# TEXT-NEXT: {{^}}   |{{$}}
# TEXT-NEXT: {{^}}   = note: evaluation must see the same input every time; train-time randomness leaks into the score{{$}}
# TEXT-NEXT: {{^}}help: declare the policy `deterministic`{{$}}
# TEXT-NEXT: {{^}}   |{{$}}
# TEXT-NEXT: {{^}}[[@LINE+3]] | policy eval on Photo deterministic {{[{]$}}
# TEXT-NEXT: {{^}}   |                     ++++++++++++++{{$}}
# TEXT-EMPTY:
policy eval on Photo {
  resize(shorter: 256)
  center_crop(224)
}

# Drawing in the body: no fix-it (`deterministic` would only trade this error for E0712).
# CHECK: rule10_eval_names.aug:[[@LINE+11]]:8: error[E0713]: policy `Validation` looks like an evaluation policy but is not `deterministic`
# CHECK-NEXT: {{^}}note: evaluation must see
# CHECK-NOT: fix-it
# TEXT: {{^}}error[E0713]: policy `Validation` looks like an evaluation policy but is not `deterministic`{{$}}
# TEXT-NEXT: {{^}}  --> {{.*}}rule10_eval_names.aug:[[@LINE+7]]:8{{$}}
# TEXT-NEXT: {{^}}   |{{$}}
# TEXT-NEXT: {{^}}[[@LINE+5]] | policy Validation on Photo {{[{]$}}
# TEXT-NEXT: {{^}}   |        ^^^^^^^^^^{{$}}
# TEXT-NEXT: {{^}}   |{{$}}
# TEXT-NEXT: {{^}}   = note: evaluation must see the same input every time; train-time randomness leaks into the score{{$}}
# TEXT-EMPTY:
policy Validation on Photo {
  center_crop(224)
  hflip() @p(0.5)
}

# Through a stdlib transform that draws: no fix-it either.
# CHECK: rule10_eval_names.aug:[[@LINE+3]]:8: error[E0713]: policy `test_time` looks like an evaluation policy
# CHECK-NEXT: {{^}}note: evaluation must see
# CHECK-NOT: fix-it
policy test_time on Photo {
  trivial_augment()
}

# With parameters, the fix-it still goes after the sample's name.
# CHECK: rule10_eval_names.aug:[[@LINE+3]]:8: error[E0713]: policy `val2` looks like an evaluation policy
# CHECK-NEXT: {{^}}note: evaluation must see
# CHECK-NEXT: rule10_eval_names.aug:[[@LINE+1]]:49: fix-it: insert ` deterministic`
policy val2(size: int in 1..1024 = 224) on Photo {
  center_crop(size)
}

# CHECK: rule10_eval_names.aug:[[@LINE+3]]:8: error[E0713]: policy `evalCrop` looks like an evaluation policy
# CHECK-NEXT: {{^}}note: evaluation must see
# CHECK-NEXT: fix-it: insert ` deterministic`
policy evalCrop on Photo { center_crop(224) }

# CHECK: rule10_eval_names.aug:[[@LINE+1]]:8: error[E0713]: policy `TESTING_set` looks like an evaluation policy
policy TESTING_set on Photo { center_crop(224) }

# CHECK: rule10_eval_names.aug:[[@LINE+1]]:8: error[E0713]: policy `valid` looks like an evaluation policy
policy valid on Photo { center_crop(224) }

# CHECK: rule10_eval_names.aug:[[@LINE+1]]:8: error[E0713]: policy `evaluation_v2` looks like an evaluation policy
policy evaluation_v2 on Photo { center_crop(224) }

# Not evaluation policies: the first word is another word that merely starts with those letters, or the
# evaluation word is not first.
policy value_net on Photo { hflip() @p(0.5) }
policy testosterone on Photo { hflip() @p(0.5) }
policy interval on Photo { hflip() @p(0.5) }
policy validator on Photo { hflip() @p(0.5) }
policy evaluator on Photo { hflip() @p(0.5) }
policy my_eval on Photo { hflip() @p(0.5) }
policy train_then_test on Photo { hflip() @p(0.5) }
policy VALUE on Photo { hflip() @p(0.5) }
# Evaluation policies declared deterministic are accepted.
policy eval_center on Photo deterministic { center_crop(224) }
policy testCrop on Photo deterministic { center_crop(224) }
# TEXT: {{^}}8 errors generated.{{$}}
