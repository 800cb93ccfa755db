// Every op the standard library declares has exactly one runtime record, and every record a declaration.
#include <doctest/doctest.h>

#include "compiler/ir/op_records_check.h"
#include "compiler/sema/compilation.h"
#include "runtime/ops/op_record.h"

using namespace auger;

TEST_CASE("op records: the prelude's declarations and the runtime's records agree one to one") {
  Compilation comp;
  REQUIRE(comp.check_text("t.aug", "import std.vision\n"));
  const auto declared = comp.prelude_ops();
  CHECK(declared.size() == rt::op_records().size());
  const auto bad = ir::op_record_mismatches(declared);
  CHECK_MESSAGE(bad.empty(), (bad.empty() ? std::string() : bad.front()));
}

TEST_CASE("op records: a missing or extra declaration is named") {
  Compilation comp;
  REQUIRE(comp.check_text("t.aug", "import std.vision\n"));
  auto declared = comp.prelude_ops();
  declared.erase(declared.begin());  // one record without a declaration
  OpInfo extra;
  extra.name = "sepia";
  declared.push_back(&extra);            // a declaration without a record
  declared.push_back(declared.front());  // declared twice
  const auto bad = ir::op_record_mismatches(declared);
  REQUIRE(bad.size() == 3);
  CHECK(bad[0].find("op `sepia` is declared in the prelude but auger has no record") != std::string::npos);
  CHECK(bad[1].find("declared more than once") != std::string::npos);
  CHECK(bad[2].find("does not declare it") != std::string::npos);
}

TEST_CASE("op records: a geometry effect without a map, or a map without the effect, is named") {
  Compilation comp;
  REQUIRE(comp.check_text("t.aug", "import std.vision\n"));
  auto declared = comp.prelude_ops();
  OpInfo flat, moving;
  for (auto& op : declared) {
    if (op->name == "hflip") {
      flat = *op;
      flat.effects.geometry = Geometry::None;  // hflip's record has a map
      op = &flat;
    } else if (op->name == "brightness") {
      moving = *op;
      moving.effects.geometry = Geometry::Affine;  // brightness's record has none
      op = &moving;
    }
  }
  const auto bad = ir::op_record_mismatches(declared);
  REQUIRE(bad.size() == 2);
  CHECK(bad[0] == "op `hflip` declares no geometry effect but its record has a geometry map");
  CHECK(bad[1] == "op `brightness` declares a geometry effect but its record has no geometry map");
}

TEST_CASE("op records: ids, names and the reference implementations line up") {
  for (const auto& r : rt::op_records()) {
    CHECK(&rt::op_record(r.id) == &r);
    CHECK(rt::find_op(r.name) == &r);
    // Every image op runs (reference path); batch ops run on batches; audio and text ops have their own members.
    CHECK((r.image != nullptr) == (r.modality == rt::Modality::Image));
    CHECK((r.batch != nullptr) == (r.modality == rt::Modality::Batch));
    if (r.image) {
      CHECK(r.image->id == r.id);
    }
  }
  CHECK(rt::find_op("sepia") == nullptr);
  CHECK(rt::kernel_class("random_resized_crop") == rt::KernelClass::Resample);
  CHECK(rt::op_record(rt::OpId::RandomResizedCrop).region_decode);
}
