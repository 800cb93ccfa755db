// time_shift's move of one row (runtime/audio/ops/time_shift.cpp), shared with the pending-level copy.
#pragma once

#include <cstdint>

namespace auger::rt::audio {

// Row `row` of n samples moved `shift` samples later (earlier when negative): rolled round when `roll`, else with
// zeros coming in.
void shift_row(float* row, std::int64_t n, std::int64_t shift, bool roll);

}  // namespace auger::rt::audio
