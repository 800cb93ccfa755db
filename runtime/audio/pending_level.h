// A signal's pending gain and time shift (Signal::pending): recorded in place of the ops by run_audio when its
// caller takes the signal out by copying it (the Loader's batch), so that the copy applies them instead of a pass
// of their own; settled (applied) before any other op reads the signal. The results are the ops' own, bit for bit:
// the copy shifts as time_shift does and multiplies by gain's f32 factor, and the two commute exactly (a
// permutation with zeros, and a positive factor).
#pragma once

#include "runtime/audio/signal.h"

namespace auger::rt::audio {

// Applies what is pending to s.data (time_shift's shift, then the gain) and clears it.
void settle(Signal& s);

// Row r of `s` as it is once settled, written to out[0 .. s.shape.cols) (not overlapping s.data).
void copy_row_settled(const Signal& s, int r, float* out);

}  // namespace auger::rt::audio
