#include "engine/search/grid.h"

#include <cmath>
#include <limits>

namespace auger::engine::search {

namespace {

using Kind = SearchParam::Kind;

double int_count(const SearchParam& p) {
  return p.hi - p.lo + 1;
}

// `k` evenly spaced points from lo to hi, both ends included (one point: the middle). Ints round and drop repeats.
std::vector<Binding> spaced(const SearchParam& p, std::size_t k) {
  std::vector<Binding> out;
  for (std::size_t i = 0; i < k; ++i) {
    const double t = k == 1 ? 0.5 : static_cast<double>(i) / static_cast<double>(k - 1);
    Binding b = number_binding(p, p.lo + t * (p.hi - p.lo));
    if (out.empty() || out.back().value != b.value) out.push_back(std::move(b));
  }
  return out;
}

// Points per numeric parameter: ints small enough to take whole take every value, the others share what is left
// of the budget equally (the m-th root of it, at least one point).
std::vector<std::size_t> numeric_points(const SearchSpace& space, double budget) {
  std::vector<std::size_t> points(space.params.size(), 0);
  std::vector<std::size_t> open;
  for (std::size_t i = 0; i < space.params.size(); ++i)
    if (space.params[i].kind != Kind::Choice) open.push_back(i);
  bool changed = true;
  while (changed && !open.empty()) {
    changed = false;
    const double share = std::floor(std::pow(budget, 1.0 / static_cast<double>(open.size())) + 1e-9);
    for (auto it = open.begin(); it != open.end(); ++it) {
      const SearchParam& p = space.params[*it];
      if (p.kind == Kind::Int && int_count(p) <= share) {
        points[*it] = static_cast<std::size_t>(int_count(p));
        budget /= int_count(p);
        open.erase(it);
        changed = true;
        break;
      }
    }
  }
  const double share = open.empty() ? 1 : std::floor(std::pow(budget, 1.0 / static_cast<double>(open.size())) + 1e-9);
  for (std::size_t i : open) points[i] = static_cast<std::size_t>(std::max(1.0, share));
  return points;
}

}  // namespace

GridAxes grid_axes(const SearchSpace& space, std::size_t trials) {
  double budget = static_cast<double>(std::max<std::size_t>(trials, 1));
  for (const auto& p : space.params)
    if (p.kind == Kind::Choice) budget /= static_cast<double>(std::max<std::size_t>(p.choices.size(), 1));
  const auto points = numeric_points(space, std::max(budget, 1.0));
  GridAxes axes;
  for (std::size_t i = 0; i < space.params.size(); ++i) {
    const SearchParam& p = space.params[i];
    std::vector<Binding> axis;
    if (p.kind == Kind::Choice) {
      for (std::size_t c = 0; c < p.choices.size(); ++c) axis.push_back(choice_binding(p, c));
    } else {
      axis = spaced(p, points[i]);
    }
    axes.push_back(std::move(axis));
  }
  return axes;
}

std::size_t grid_size(const GridAxes& axes) {
  std::size_t n = 1;
  for (const auto& a : axes) {
    if (a.empty()) return 0;
    if (n > std::numeric_limits<std::size_t>::max() / a.size()) return std::numeric_limits<std::size_t>::max();
    n *= a.size();
  }
  return n;
}

Bindings grid_point(const GridAxes& axes, std::size_t index) {
  Bindings out(axes.size());
  for (std::size_t i = axes.size(); i-- > 0;) {
    out[i] = axes[i][index % axes[i].size()];
    index /= axes[i].size();
  }
  return out;
}

}  // namespace auger::engine::search
