// The recordings `add_background` mixes in (MUSAN-style noise folders): the audio files under a folder, listed once
// per process (recursively, sorted by path) when a policy using the folder is bound, and the decoded recordings,
// kept while they fit a memory budget so that a run does not decode the same noise file for every sample.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace auger::rt::audio {

// The .wav and .flac files under `dir` (any depth, extension case ignored), sorted by path. Throws
// std::runtime_error when `dir` is not a readable folder or holds none.
const std::vector<std::string>& background_files(const std::string& dir);

// The length in samples of `path` decoded at `rate` (from its header: no sample is read).
std::size_t background_length(const std::string& path, double rate);

// `path` decoded, averaged to mono and resampled to `rate` (as an audio field is read). Throws std::runtime_error
// for a file auger cannot use, naming it.
std::shared_ptr<const std::vector<float>> background_samples(const std::string& path, double rate);

}  // namespace auger::rt::audio
