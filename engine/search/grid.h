// `--strategy grid`: every value of each enum, bool and set; every value of an int range that fits the budget;
// evenly spaced points of float intervals (and of int ranges too large to take whole), as many per parameter as
// let the whole grid fit --trials. Points come in a fixed order: the last parameter changes fastest.
#pragma once

#include <cstddef>
#include <vector>

#include "engine/search/search_space.h"

namespace auger::engine::search {

using GridAxes = std::vector<std::vector<Binding>>;  // one axis per parameter, in the space's order

GridAxes grid_axes(const SearchSpace& space, std::size_t trials);
std::size_t grid_size(const GridAxes& axes);  // saturates at SIZE_MAX
Bindings grid_point(const GridAxes& axes, std::size_t index);

}  // namespace auger::engine::search
