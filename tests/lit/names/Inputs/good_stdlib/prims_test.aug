# The fixed form of ../broken_stdlib/prims_test.aug.
enum box_enclose = enclose
op good() : image -> image effects { geometry: flip  shape: keep }
op bad_key() : image -> image effects { geometry: flip }
op bad_value() : image -> image effects { geometry: affine }
op bad_param(strength: float, ack: box_enclose) : image -> image effects { geometry: affine  boxes: enclose(ack) }
op bad_kind() : image -> image
op bad_element() : image(u8) -> image(f32)
