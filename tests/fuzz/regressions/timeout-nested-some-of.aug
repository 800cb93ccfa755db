sample S {
  image: image(rgb)
}
policy p on S {
some_of(n: 1) {
some_of(n: 1) {
some_of(n: 1) {
some_of(n: 1) {
some_of(n: 1) {
some_of(n: 1) {
some_of(n: 1) {
some_of(n: 1) {
some_of(n: 1) {
some_of(n: 1) {
some_of(n: 1) {
some_of(n: 1) {
some_of(n: 1) {
some_of(n: 1) {
some_of(n: 1) {
some_of(n: 1) {
some_of(n: 1) {
some_of(n: 1) {
some_of(n: 1) {
some_of(n: 1) {
some_of(n: 1) {
some_of(n: 1) {
some_of(n: 1) {
some_of(n: 1) {
some_of(n: 1) {
hflip()
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
