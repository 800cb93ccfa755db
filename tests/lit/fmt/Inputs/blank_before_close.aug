sample S {
  text: text(en)

}
policy train on S {
  token_dropout(p: 0.1)

}
policy nested on S {
  one_of {
    token_dropout(p: 0.1)


  }

  # a comment that ends the block keeps the blank line before it, not the one after it

}
