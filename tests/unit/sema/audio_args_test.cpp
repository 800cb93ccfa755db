// compiler/sema/audio_args: melspec's static checks against torchaudio 0.13 (the empty-filter counts are
// `(F.melscale_fbanks(n_fft // 2 + 1, 0, rate // 2, n_mels, rate, None, "htk").sum(0) == 0).sum()`).
#include "compiler/sema/audio_args.h"

#include <doctest/doctest.h>

using namespace auger::audio_args;

TEST_CASE("empty mel filters as torchaudio counts them") {
  struct Case {
    double rate, n_fft;
    int n_mels, empty;
  };
  for (const auto& c :
       {Case{16000, 512, 512, 150}, Case{16000, 512, 80, 0}, Case{16000, 512, 256, 27}, Case{16000, 256, 256, 75},
        Case{44100, 2048, 512, 39}, Case{8000, 512, 128, 0}, Case{16000, 400, 200, 21}}) {
    Melspec m;
    m.n_fft = c.n_fft;
    m.n_mels = c.n_mels;
    CAPTURE(c.rate);
    CAPTURE(c.n_mels);
    CHECK(empty_mel_filters(c.rate, m) == c.empty);
  }
}

TEST_CASE("a window longer than n_fft at the rate") {
  Melspec m;  // 25 ms, n_fft 512
  CHECK(melspec_failure(16000, m).empty());
  CHECK(melspec_failure(20480, m).empty());                                                    // 512 samples exactly
  CHECK(melspec_failure(44100, m) == "the window (1102 samples) is longer than n_fft (512)");  // 1102.5, to even
  m.win = 0.1;
  CHECK(melspec_failure(16000, m) == "the window (1600 samples) is longer than n_fft (512)");
  CHECK(rate_text(44100) == "44.1 kHz");
  CHECK(rate_text(800) == "800 Hz");
}
