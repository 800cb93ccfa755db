// FFTW's wisdom for the audio ops' FFT lengths, measured when auger was built (fft_wisdom/make_fft_wisdom.cpp):
// fft.cpp imports it before planning and plans only from it, falling back to FFTW_ESTIMATE for other lengths or
// when FFTW refuses it (another FFTW version, a machine without the build machine's SIMD).
#pragma once

namespace auger::rt::audio {

extern const char* const kFftWisdom;

}  // namespace auger::rt::audio
