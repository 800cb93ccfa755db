#include "compiler/ir/ir.h"

#include <map>

namespace auger::ir {

const Arg* Node::arg(const std::string& name) const {
  for (const auto& a : args) {
    if (a.name == name) return &a;
  }
  return nullptr;
}

FieldType field_type(std::string text) {
  FieldType t;
  auto cut = text.find_first_of("([ ");
  t.kind = text.substr(0, cut);
  if (t.kind == "image") {
    if (text.find("u8 or f32") != std::string::npos)
      t.element = "";
    else if (text.find("f32") != std::string::npos)
      t.element = "f32";
    else
      t.element = "u8";
  }
  t.text = std::move(text);
  return t;
}

int FieldType::channels() const {
  if (kind == "mask") return 1;
  if (kind != "image") return 0;
  if (text.rfind("image(gray", 0) == 0) return 1;
  if (text.rfind("image(rgba", 0) == 0) return 4;
  return 3;
}

}  // namespace auger::ir

namespace auger::ir {

namespace {
template <typename Nodes, typename F>
void visit_all(Nodes& nodes, const F& visit) {
  for (auto& n : nodes) {
    visit(n);
    visit_all(n.children, visit);
  }
}
}  // namespace

void for_each_node(Function& f, const std::function<void(Node&)>& visit) {
  visit_all(f.body, visit);
}

void for_each_node(const Function& f, const std::function<void(const Node&)>& visit) {
  visit_all(f.body, visit);
}

void sync_kernel_ids(Function& f) {
  std::map<std::string, int> of_site;
  for (std::size_t i = 0; i < f.kernels.size(); ++i) {
    for (const auto& s : f.kernels[i].sites) of_site.emplace(s, static_cast<int>(i));
  }
  for_each_node(f, [&](Node& n) {
    auto it = of_site.find(n.site);
    n.kernel = n.kind == NodeKind::Op && it != of_site.end() ? it->second : -1;
  });
}

}  // namespace auger::ir
