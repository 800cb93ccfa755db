# Found through `-I Inputs/inc` by ../../include_path.aug (not next to the importing file).
transform shared_flip() {
  hflip() @p(0.5)
}
