const   k=[1,2,3,]
const big = [ 100000000, 200000000, 300000000, 400000000, 500000000, 600000000, 700000000, 800000000, 900000000 ]
enum  e  =  a|b   |c
sample Photo{image:image( rgb ) ,label : class( 1000 ); keypoints: keypoints(17, flip: [(1, 2), (3, 4), (5, 6), (7, 8), (9, 10), (11, 12), (13, 14), (15, 16)])}
policy train( magnitude : int in 0 .. 30 = 9 , erase_p:float in [ 0,1 ]=0.25 , ) on Photo deterministic {
random_resized_crop( size:224 , scale:[0.08,1.0] , ratio:[3/4,4/3] , ) ; hflip( )@p( 0.5 )@w(2)
  lbl : f(a: -  1, b: - (2+3)*4, c: (1, 2,), d: "str  \"x" , e: 1.5e3ms, f: 50%, h: 0.50)
  rotate(angle: uniform(-10deg, 10deg), fill: [124, 116, 104], boxes: enclose, interp: bilinear, expand: false) @p(0.3)
  g(aaaaaaaaaaaaaaaa: 1, b: [111111111, 222222222, 333333333, 444444444, 555555555, 666666666, 777777777, 888888888])
  one_of { hflip() vflip() } @p(0.1)
  seq {
  }
  some_of(n: 2, replace: true) { hflip() ; vflip() }
  batch {
  one_of {
  mixup(alpha: 0.2)
  }
  }
  match k { a => hflip() b => seq { vflip() } }
  match k {
  a => one_of {
  hflip()
  }
  b => vflip()
  }
}
transform t(a: [float] = [0.1, 0.2], b: x | y = x) { }
op myop(x: float in [0, 1], y: int = 2, z: int in {1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31, 33, 35, 37},)
  : image(u8) -> image(u8) requires { one_of(x, y) , any_of(x,y); }
  effects { geometry: none shape: keep ; boxes: keep, text: swap(caption) } cost { per_pixel: 1 + 2 }
  doc "kept exactly:   two spaces"
op other() : image -> image effects {
  geometry: none # a comment inside a clause: one entry a line
  shape: keep
} doc "x"
