# A prims file with broken op declarations, read with `--stdlib` by ../../bad_effect.aug and
# ../../bad_op_kind.aug. Their CHECK lines name the line numbers below: keep them in place.
op good() : image -> image effects { geometry: flip  shape: keep }
op bad_key() : image -> image effects { geometri: flip }
op bad_value() : image -> image effects { geometry: twist }
op bad_param(strength: float) : image -> image effects { boxes: enclose(ack) }
op bad_kind() : picture -> image
op bad_element() : image(u16) -> image
