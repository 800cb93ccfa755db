#include "engine/offline/run_items.h"

#include "runtime/exec/order.h"

namespace auger::engine::offline {

RunItems::RunItems(const ir::Function& fn, const rt::io::Source& source, std::vector<SafeKey> keys, std::uint64_t seed,
                   std::uint64_t copies, bool shuffle)
    : fn_(fn), source_(source), keys_(std::move(keys)), samples_(source.size()), copies_(copies) {
  for (std::uint64_t k = 0; k < copies; ++k) {
    rt::exec::OrderOptions oo;
    oo.seed = seed;
    oo.epoch = k;
    oo.shuffle = shuffle;
    orders_.push_back(rt::exec::epoch_order(samples_, oo));
  }
}

void RunItems::collect(SampleRunner& runner, std::size_t g) const {
  const std::uint64_t copy = g / samples_;
  const std::size_t index = orders_[copy][g % samples_];
  if (!keys_[index].ok()) return;
  ProcessedSample scratch;
  runner.run(index, copy, scratch);
}

void RunItems::make(SampleRunner& runner, std::size_t g, Item& item) const {
  const std::uint64_t copy = g / samples_;
  const std::size_t index = orders_[copy][g % samples_];
  item.members.clear();
  const SafeKey& key = keys_[index];
  if (!key.ok()) {  // refused before anything is read: its bytes could never be written anyway
    item.sample.index = index;
    item.sample.epoch = copy;
    item.sample.key = source_.key(index);
    item.sample.origin = source_.origin(index);
    item.sample.error = key.error;
    item.out_key.clear();
    return;
  }
  runner.run(index, copy, item.sample);
  item.out_key = output_key(key.key, copy, copies_ > 1);
  if (!item.sample.error.empty()) return;
  try {
    item.members = encode_members(item.sample, item.out_key, fn_);
  } catch (const std::exception& e) {
    item.sample.error = std::string("encoding: ") + e.what();
  }
}

}  // namespace auger::engine::offline
