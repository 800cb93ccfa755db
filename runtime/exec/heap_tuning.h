// Keeping freed buffers of megabytes in the heap. glibc gives each allocation above its mmap threshold (128 KiB at
// first, raised only by frees) pages of its own and returns the heap's top to the system past its trim threshold,
// so each utterance's buffers (a 15 s one is 1 MB per copy) arrived as fresh pages: page faults and zeroing were
// over half the time of decoding a corpus (docs/audio.md "Performance").
#pragma once

namespace auger::rt::exec {

// Once per process: allocations up to 32 MiB come from the heap, and up to 256 MiB of freed heap is kept (mallopt).
// AUGER_KEEP_MALLOC=1 in the environment leaves the C library's settings alone. Thread-safe.
void keep_large_buffers_in_heap();

}  // namespace auger::rt::exec
