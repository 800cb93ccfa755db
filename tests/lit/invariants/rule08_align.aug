# RUN: not %auger check --format brief %s 2>&1 | FileCheck %s --implicit-check-not='error[' --implicit-check-not='warning['
# RUN: not %auger check --format text %s 2>&1 | FileCheck %s --check-prefix=TEXT --strict-whitespace
# Rule 8 (E0710): an op that cannot keep an aligned field aligned — `back_translate` (`tags: unalignable`)
# on a sample with `tags` — is an error at the op, with a note at the tags; also when reached through a
# transform (reported at the user's call, with a note at the op inside).
#
#
#
#
sample Ner {
  text: text(en)
  tags: tags(9)[]
}

transform paraphrase(via: string = "de") {
  token_dropout(p: 0.05)
  back_translate(via: via)
}

policy ner on Ner {
  # CHECK: rule08_align.aug:[[@LINE+15]]:3: error[E0710]: `back_translate` cannot keep tags `tags` aligned
  # CHECK-NEXT: rule08_align.aug:12:3: note: the tags are declared here
  # CHECK-NOT: fix-it
  # TEXT: {{^}}error[E0710]: `back_translate` cannot keep tags `tags` aligned{{$}}
  # TEXT-NEXT: {{^}}  --> {{.*}}rule08_align.aug:[[@LINE+11]]:3{{$}}
  # TEXT-NEXT: {{^}}   |{{$}}
  # TEXT-NEXT: {{^}}[[@LINE+9]] |   back_translate(via: "fr") @p(0.3){{$}}
  # TEXT-NEXT: {{^}}   |   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^{{$}}
  # TEXT-NEXT: {{^}}   |{{$}}
  # TEXT-NEXT: {{^}}note: the tags are declared here{{$}}
  # TEXT-NEXT: {{^}}  --> {{.*}}rule08_align.aug:12:3{{$}}
  # TEXT-NEXT: {{^}}   |{{$}}
  # TEXT-NEXT: {{^}}12 |   tags: tags(9)[]{{$}}
  # TEXT-NEXT: {{^}}   |   ^^^^^^^^^^^^^^^{{$}}
  # TEXT-EMPTY:
  back_translate(via: "fr") @p(0.3)
  # Token ops keep the tags aligned.
  token_dropout(p: 0.1)
  random_swap(n: 2)
  random_insert(n: 10%, tag: "O")
  synonym_replace(n: 1)
  char_noise(p: 0.05)
  # CHECK: rule08_align.aug:[[@LINE+3]]:3: error[E0710]: `back_translate` cannot keep tags `tags` aligned
  # CHECK-NEXT: rule08_align.aug:12:3: note: the tags are declared here
  # CHECK-NEXT: rule08_align.aug:17:3: note: inside `paraphrase`, this statement is the cause
  paraphrase()
}
# TEXT: {{^}}2 errors generated.{{$}}
