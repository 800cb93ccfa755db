// The expected cost of a policy per sample, from the ops' `cost { … }` declarations (docs/lint.md "Cost model").
//
// A declared cost is nanoseconds per unit of work on one core: `per_pixel` per image pixel (height × width, at
// the size the op receives: fixed by an earlier statement, else a nominal 500×375 photo), `per_sample` per audio
// sample (a nominal second at 16 kHz), `per_bin` per spectrogram bin (a nominal 80 mels × 100 frames) and
// `per_token` per text token (a nominal 32). A statement counts with the chance it runs: its `@p`, its share of a
// `one_of` (by `@w`), n/k inside `some_of(n)` of k; a `match` counts its costliest arm. Parameters take their
// defaults.
#pragma once

#include <vector>

#include "compiler/sema/program.h"

namespace auger::lint {

struct Nominal {
  static constexpr double kImagePixels = 500.0 * 375.0;
  static constexpr double kAudioSamples = 16000.0;
  static constexpr double kSpectrogramBins = 80.0 * 100.0;
  static constexpr double kTextTokens = 32.0;
};

struct OpCost {
  const ElabStmt* stmt = nullptr;
  double ns = 0;  // expected, weighted by the chance the statement runs
};

// Expected nanoseconds per sample; `ops` receives each op statement's share.
double expected_cost_ns(const PolicyInfo& policy, std::vector<OpCost>* ops = nullptr);

}  // namespace auger::lint
