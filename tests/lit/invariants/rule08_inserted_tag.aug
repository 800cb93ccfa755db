# RUN: not %auger check --format brief %s 2>&1 | FileCheck %s --implicit-check-not='error[' --implicit-check-not='warning['
# Rule 8, inserted tags: an op that inserts tokens tags them with its `tag` argument; a constant tag that is a
# whole number is a class id, and must be one of every `tags(N)[]` field's (0..N-1). A tag name ("O", "B-PER")
# passes, and so does a parameter (held to the range per sample when the policy runs; docs/text.md).
sample Ner {
  text: text(en)
  tags: tags(9)[]
}

policy ner(t: string = "99") on Ner {
  # CHECK: rule08_inserted_tag.aug:[[@LINE+2]]:3: error[E0303]: value "99" of `tag` is outside its domain a tag name or a class id in 0..8 (`tags: tags(9)[]`)
  # CHECK-NEXT: rule08_inserted_tag.aug:7:3: note: the tags are declared here
  random_insert(n: 1, tag: "99")
  # CHECK: rule08_inserted_tag.aug:[[@LINE+1]]:3: error[E0303]: value "-1" of `tag`
  random_insert(n: 1, tag: "-1")
  random_insert(n: 1, tag: "8")
  random_insert(n: 1, tag: "0")
  random_insert(n: 1, tag: "O")
  random_insert(n: 1, tag: "B-PER")
  random_insert(n: 1, tag: t)
}
