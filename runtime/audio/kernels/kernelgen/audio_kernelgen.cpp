// Build-time generator of the audio kernels (runtime/CMakeLists.txt runs it):
//   auger_audio_kernelgen OBJECT HEADER
// writes the pipelines of runtime/audio/kernels/audio_pipelines.h, compiled for audio_kernel_target() without a
// Halide runtime (the image kernels' aot_runtime.o serves both), as one object and its C header.
#include <exception>
#include <iostream>
#include <map>

#include "runtime/audio/kernels/audio_pipelines.h"

using namespace auger::rt::audio::kernels;

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: auger_audio_kernelgen OBJECT HEADER\n";
    return 2;
  }
  try {
    const Halide::Target target = audio_kernel_target().with_feature(Halide::Target::NoRuntime);
    WhiteNoise noise;
    SumSquares squares;
    Mix mix;
    Scale scale;
    IirStates iir_states;
    IirOutput iir_output;
    MelBank mel;
    Polar polar;
    Vocode vocode;
    std::vector<Halide::Module> modules = {
        Halide::Pipeline(noise.out).compile_to_module(noise.arguments(), "auger_audio_white_noise", target),
        Halide::Pipeline(squares.out).compile_to_module(squares.arguments(), "auger_audio_sum_squares", target),
        Halide::Pipeline(mix.out).compile_to_module(mix.arguments(), "auger_audio_mix", target),
        Halide::Pipeline(scale.out).compile_to_module(scale.arguments(), "auger_audio_scale", target),
        Halide::Pipeline(iir_states.out).compile_to_module(iir_states.arguments(), "auger_audio_iir_states", target),
        Halide::Pipeline(iir_output.out).compile_to_module(iir_output.arguments(), "auger_audio_iir_output", target),
        Halide::Pipeline(mel.out).compile_to_module(mel.arguments(), "auger_audio_mel_bank", target),
        Halide::Pipeline(polar.out).compile_to_module(polar.arguments(), "auger_audio_polar", target),
        Halide::Pipeline({vocode.bins, vocode.next})
            .compile_to_module(vocode.arguments(), "auger_audio_vocode", target),
    };
    Halide::Module linked = Halide::link_modules("auger_audio_kernels", modules);
    // As for the image kernels: link_modules drops the members' strict-float mark, and LLVM would then fuse
    // multiplies and adds (the kernels' sums would no longer be their scalar formulas' bit for bit).
    linked.set_any_strict_float(true);
    linked.compile({{Halide::OutputFileType::object, argv[1]}, {Halide::OutputFileType::c_header, argv[2]}});
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "auger_audio_kernelgen: " << e.what() << "\n";
    return 1;
  }
}
