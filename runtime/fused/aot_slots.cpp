#include <sstream>

#include "runtime/fused/aot_kernels.h"

namespace auger::rt::fused {

std::vector<ArgSlot> parse_slots(const std::string& text) {
  std::vector<ArgSlot> out;
  std::istringstream in(text);
  for (std::string item; std::getline(in, item, ';');) {
    if (item.size() < 3 || item[1] != ':') continue;
    const ArgKind kind = item[0] == 'B' ? ArgKind::Buffer : item[0] == 'I' ? ArgKind::Int : ArgKind::Float;
    out.push_back({item.substr(2), kind});
  }
  return out;
}

std::string format_slots(const std::vector<ArgSlot>& slots) {
  std::string out;
  for (const auto& s : slots) {
    if (!out.empty()) out += ';';
    out += s.kind == ArgKind::Buffer ? 'B' : s.kind == ArgKind::Int ? 'I' : 'F';
    out += ':';
    out += s.name;
  }
  return out;
}

}  // namespace auger::rt::fused
