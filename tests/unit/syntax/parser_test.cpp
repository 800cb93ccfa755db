// The syntax layer: grammar, transformer, spans, units, contextual keywords, syntax errors and recovery.
#include "compiler/syntax/parser.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "compiler/base/source_manager.h"
#include "compiler/diag/diag_engine.h"

namespace {

using namespace auger;

struct Parsed {
  SourceManager sources;
  DiagEngine diags;
  FileId id = kNoFile;
  std::unique_ptr<ast::File> file;

  std::string text(Span s) const { return std::string(sources.text(s)); }
  std::uint32_t line(Span s) const { return sources.line_col(s.file, s.begin).line; }
  std::uint32_t col(Span s) const { return sources.line_col(s.file, s.begin).col; }
  std::vector<std::string> codes() const {
    std::vector<std::string> out;
    for (const auto& d : diags.all()) out.emplace_back(d.kind().code);
    return out;
  }
  bool codes_are(std::initializer_list<const char*> want) const {
    return codes() == std::vector<std::string>(want.begin(), want.end());
  }
  std::string dump() const {
    std::string out;
    for (const auto& d : diags.all()) {
      out += std::string(d.kind().code) + " " + std::to_string(line(d.span)) + ":" + std::to_string(col(d.span)) + " " +
             d.message + "\n";
    }
    return out;
  }
};

std::unique_ptr<Parsed> parse(std::string text) {
  auto p = std::make_unique<Parsed>();
  p->id = p->sources.add("test.aug", std::move(text));
  p->file = parse_file(p->sources, p->id, p->diags);
  return p;
}

}  // namespace

const char* const kSection1 = R"(# imagenet.aug — ImageNet training and evaluation policies
import std.vision                      # rand_augment, trivial_augment, imagenet_mean, …

sample Photo {
  image: image(rgb)
  label: class(1000)
}

policy train(magnitude: int in 0..30 = 9, erase_p: float in [0, 1] = 0.25) on Photo {
  random_resized_crop(size: 224, scale: [0.08, 1.0], ratio: [3/4, 4/3])
  hflip() @p(0.5)
  rand_augment(n: 2, magnitude: magnitude)
  to_float()
  normalize(mean: imagenet_mean, std: imagenet_std)
  erase: random_erasing(scale: [0.02, 0.33]) @p(erase_p)
}

policy eval on Photo deterministic {
  resize(shorter: 256)
  center_crop(size: 224)
  to_float()
  normalize(mean: imagenet_mean, std: imagenet_std)
}
)";

const char* const kSection9 = R"(op rotate(angle: angle in [-180deg, 180deg], interp: interp = nearest, fill: color = 0,
          boxes: box_mode = enclose)
  : image -> image
  effects { geometry: affine  boxes: enclose  keypoints: transform  mask: warp_nearest }
  cost { per_pixel: 1 }
  doc "Rotate about the centre; the canvas keeps its size; uncovered pixels take `fill`."
)";

TEST_CASE("the section 1 example parses into the expected AST") {
  auto p = parse(kSection1);
  CHECK_MESSAGE(p->diags.all().empty(), p->dump());
  const ast::File& f = *p->file;
  REQUIRE(f.imports.size() == 1);
  CHECK(f.imports[0].target == "std.vision");
  CHECK_FALSE(f.imports[0].is_path);
  CHECK(p->text(f.imports[0].target_span) == "std.vision");
  REQUIRE(f.comments.size() == 2);
  CHECK(f.comments[0].text == " imagenet.aug — ImageNet training and evaluation policies");
  CHECK(p->line(f.comments[1].span) == 2);

  REQUIRE(f.samples.size() == 1);
  const ast::Sample& photo = f.samples[0];
  CHECK(photo.name.name == "Photo");
  REQUIRE(photo.fields.size() == 2);
  CHECK(photo.fields[0].name.name == "image");
  CHECK(photo.fields[0].type.kind.name == "image");
  CHECK(photo.fields[0].type.has_args);
  REQUIRE(photo.fields[0].type.args.size() == 1);
  CHECK(photo.fields[0].type.args[0].value->text == "rgb");
  CHECK(photo.fields[1].type.args[0].value->number == 1000);
  CHECK(p->text(photo.fields[1].span) == "label: class(1000)");

  REQUIRE(f.policies.size() == 2);
  const ast::Policy& train = f.policies[0];
  CHECK(train.name.name == "train");
  CHECK(train.sample.name == "Photo");
  CHECK_FALSE(train.deterministic);
  REQUIRE(train.params.size() == 2);
  const ast::Param& magnitude = train.params[0];
  CHECK(magnitude.name.name == "magnitude");
  CHECK(magnitude.type.kind == ast::TypeRef::Kind::Named);
  CHECK(magnitude.type.name.name == "int");
  REQUIRE(magnitude.domain);
  CHECK(magnitude.domain->kind == ast::DomainKind::IntRange);
  CHECK(p->text(magnitude.domain->span) == "0..30");
  CHECK(magnitude.domain->items[1]->number == 30);
  REQUIRE(magnitude.default_value);
  CHECK(magnitude.default_value->number == 9);
  const ast::Param& erase_p = train.params[1];
  REQUIRE(erase_p.domain);
  CHECK(erase_p.domain->kind == ast::DomainKind::Interval);
  CHECK(erase_p.domain->items.size() == 2);
  CHECK(erase_p.default_value->number == doctest::Approx(0.25));
  CHECK_FALSE(erase_p.default_value->is_integer);
  CHECK(p->text(train.header_span) ==
        "policy train(magnitude: int in 0..30 = 9, erase_p: float in [0, 1] = 0.25) on Photo");

  REQUIRE(train.body.size() == 6);
  const ast::Stmt& crop = *train.body[0];
  CHECK(crop.kind == ast::StmtKind::Call);
  CHECK(crop.callee.name == "random_resized_crop");
  REQUIRE(crop.args.size() == 3);
  CHECK(crop.args[0].name->name == "size");
  CHECK(crop.args[0].value->is_integer);
  const ast::Expr& ratio = *crop.args[2].value;
  CHECK(ratio.kind == ast::ExprKind::List);
  REQUIRE(ratio.items.size() == 2);
  CHECK(ratio.items[0]->kind == ast::ExprKind::Binary);
  CHECK(ratio.items[0]->op == '/');
  CHECK(p->text(ratio.items[0]->span) == "3/4");
  CHECK(p->text(crop.args_span) == "(size: 224, scale: [0.08, 1.0], ratio: [3/4, 4/3])");

  const ast::Stmt& flip = *train.body[1];
  CHECK(flip.callee.name == "hflip");
  CHECK(flip.args.empty());
  REQUIRE(flip.annotations.size() == 1);
  CHECK(flip.annotations[0].name.name == "p");
  CHECK(flip.annotations[0].value->number == doctest::Approx(0.5));
  CHECK(p->text(flip.span) == "hflip() @p(0.5)");
  CHECK(p->line(flip.span) == 11);
  CHECK(p->col(flip.span) == 3);

  const ast::Stmt& erase = *train.body[5];
  REQUIRE(erase.label);
  CHECK(erase.label->name == "erase");
  CHECK(erase.callee.name == "random_erasing");
  CHECK(erase.annotations[0].value->kind == ast::ExprKind::Name);
  CHECK(erase.annotations[0].value->text == "erase_p");
  CHECK(p->text(erase.span) == "erase: random_erasing(scale: [0.02, 0.33]) @p(erase_p)");

  const ast::Policy& eval = f.policies[1];
  CHECK(eval.name.name == "eval");
  CHECK(eval.params.empty());
  CHECK(eval.deterministic);
  CHECK(p->text(eval.deterministic_span) == "deterministic");
  CHECK(p->text(eval.header_span) == "policy eval on Photo deterministic");
  CHECK(eval.body.size() == 4);
}

TEST_CASE("the section 9 op declaration parses") {
  auto p = parse(kSection9);
  CHECK_MESSAGE(p->diags.all().empty(), p->dump());
  REQUIRE(p->file->ops.size() == 1);
  const ast::OpDecl& op = p->file->ops[0];
  CHECK(op.name.name == "rotate");
  REQUIRE(op.params.size() == 4);
  const ast::Param& angle = op.params[0];
  CHECK(angle.type.name.name == "angle");
  REQUIRE(angle.domain);
  CHECK(angle.domain->kind == ast::DomainKind::Interval);
  const ast::Expr& lo = *angle.domain->items[0];
  CHECK(lo.kind == ast::ExprKind::Unary);
  CHECK(lo.op == '-');
  CHECK(lo.items[0]->number == 180);
  CHECK(lo.items[0]->unit == "deg");
  CHECK(p->text(lo.items[0]->unit_span) == "deg");
  CHECK(op.params[1].default_value->text == "nearest");
  CHECK(op.params[3].name.name == "boxes");
  CHECK(op.input.kind.name == "image");
  CHECK(op.output.kind.name == "image");
  REQUIRE(op.effects.size() == 4);
  CHECK(op.effects[0].key.name == "geometry");
  CHECK(op.effects[0].value.name == "affine");
  CHECK(op.effects[3].key.name == "mask");
  CHECK(op.effects[3].value.name == "warp_nearest");
  REQUIRE(op.cost.size() == 1);
  CHECK(op.cost[0].key.name == "per_pixel");
  CHECK(op.cost[0].value->number == 1);
  CHECK(op.doc == "Rotate about the centre; the canvas keeps its size; uncovered pixels take `fill`.");
  CHECK(p->line(op.doc_span) == 6);
  CHECK(p->text(op.header_span).substr(0, 9) == "op rotate");
  CHECK(p->text(op.header_span).ends_with("image -> image"));
}

TEST_CASE("op declarations: effect parameters, kind arguments and optional clauses") {
  auto p = parse(R"(
op to_float() : image(u8) -> image(f32)
op random_erasing(scale: interval = [0.02, 0.33], boxes: keep | occlude = occlude)
  : image -> image
  effects { boxes: occlude(boxes), keypoints: occlude; shape: square(size) }
op nothing
)");
  CHECK_MESSAGE(p->diags.all().empty(), p->dump());
  REQUIRE(p->file->ops.size() == 3);
  const ast::OpDecl& to_float = p->file->ops[0];
  REQUIRE(to_float.input.args.size() == 1);
  CHECK(to_float.input.args[0].value->text == "u8");
  CHECK(to_float.output.args[0].value->text == "f32");
  const ast::OpDecl& erasing = p->file->ops[1];
  CHECK(erasing.params[1].type.kind == ast::TypeRef::Kind::InlineEnum);
  REQUIRE(erasing.effects.size() == 3);
  REQUIRE(erasing.effects[0].param);
  CHECK(erasing.effects[0].param->name == "boxes");
  CHECK_FALSE(erasing.effects[1].param);
  CHECK(erasing.effects[2].param->name == "size");
  CHECK(p->file->ops[2].name.name == "nothing");
  CHECK(p->file->ops[2].params.empty());
}

TEST_CASE("enums, match, const, path imports, one_of, some_of, seq, batch") {
  auto p = parse(R"(
import "lib/mine.aug"
const scale = 1.5 * 2
enum interp = nearest | bilinear | bicubic
transform auto_augment(policy: imagenet | cifar10 | svhn = imagenet) {
  match policy {
    imagenet => one_of { a() @w(2)  b() }
    cifar10 => seq { c(); d() }
    _ => e()
  }
}
policy mix on S {
  some_of(n: 2, replace: false, order: random) { a() b() c() }
  batch { mixup(alpha: 0.2) }
}
)");
  CHECK_MESSAGE(p->diags.all().empty(), p->dump());
  const ast::File& f = *p->file;
  REQUIRE(f.imports.size() == 1);
  CHECK(f.imports[0].is_path);
  CHECK(f.imports[0].target == "lib/mine.aug");
  REQUIRE(f.consts.size() == 1);
  CHECK(f.consts[0].value->kind == ast::ExprKind::Binary);
  REQUIRE(f.enums.size() == 1);
  CHECK(f.enums[0].name.name == "interp");
  REQUIRE(f.enums[0].values.size() == 3);
  CHECK(f.enums[0].values[2].name == "bicubic");

  REQUIRE(f.transforms.size() == 1);
  const ast::Transform& t = f.transforms[0];
  CHECK(t.params[0].name.name == "policy");
  CHECK(t.params[0].type.kind == ast::TypeRef::Kind::InlineEnum);
  CHECK(t.params[0].type.enum_values.size() == 3);
  REQUIRE(t.body.size() == 1);
  const ast::Stmt& m = *t.body[0];
  CHECK(m.kind == ast::StmtKind::Match);
  CHECK(m.scrutinee.name == "policy");
  REQUIRE(m.arms.size() == 3);
  CHECK(m.arms[0].value.name == "imagenet");
  CHECK(m.arms[0].body->kind == ast::StmtKind::OneOf);
  REQUIRE(m.arms[0].body->body.size() == 2);
  CHECK(m.arms[0].body->body[0]->annotations[0].name.name == "w");
  CHECK(m.arms[1].body->kind == ast::StmtKind::Seq);
  CHECK(m.arms[1].body->body.size() == 2);
  CHECK(m.arms[2].value.name == "_");
  CHECK(m.arms[2].body->callee.name == "e");

  const ast::Policy& mix = f.policies[0];
  REQUIRE(mix.body.size() == 2);
  const ast::Stmt& some = *mix.body[0];
  CHECK(some.kind == ast::StmtKind::SomeOf);
  CHECK(some.args.size() == 3);
  CHECK(p->text(some.args_span) == "(n: 2, replace: false, order: random)");
  CHECK(some.args[1].value->kind == ast::ExprKind::Bool);
  CHECK_FALSE(some.args[1].value->bool_value);
  CHECK(p->text(some.keyword_span) == "some_of");
  CHECK(some.body.size() == 3);
  CHECK(mix.body[1]->kind == ast::StmtKind::Batch);
  CHECK(mix.body[1]->body[0]->callee.name == "mixup");
}

TEST_CASE("numbers carry their unit as written") {
  auto p = parse("const u = [30deg, 0.5rad, 25ms, 1.5s, 16kHz, 8000Hz, 10dB, 12px, 50%, 7, 1e3, 2.5e-2]");
  CHECK_MESSAGE(p->diags.all().empty(), p->dump());
  const auto& items = p->file->consts.at(0).value->items;
  REQUIRE(items.size() == 12);
  struct Want {
    double number;
    const char* unit;
    bool integer;
  };
  const Want want[] = {{30, "deg", true}, {0.5, "rad", false}, {25, "ms", true},  {1.5, "s", false},
                       {16, "kHz", true}, {8000, "Hz", true},  {10, "dB", true},  {12, "px", true},
                       {50, "%", true},   {7, "", true},       {1000, "", false}, {0.025, "", false}};
  for (std::size_t i = 0; i < items.size(); ++i) {
    CAPTURE(i);
    CHECK(items[i]->kind == ast::ExprKind::Number);
    CHECK(items[i]->number == doctest::Approx(want[i].number));
    CHECK(items[i]->unit == want[i].unit);
    CHECK(items[i]->is_integer == want[i].integer);
  }
  CHECK(items[4]->text == "16kHz");
  CHECK(p->text(items[8]->unit_span) == "%");
  CHECK(p->text(items[8]->span) == "50%");
}

TEST_CASE("expressions: precedence, unary minus, tuples and parentheses") {
  auto p = parse("const e = [-a * b + c / 2 - 1, (1), (1, 2), ((3)), max(1, x), \"q\\\"\\\\\\n\", true]");
  CHECK_MESSAGE(p->diags.all().empty(), p->dump());
  const auto& items = p->file->consts.at(0).value->items;
  REQUIRE(items.size() == 7);
  const ast::Expr& sum = *items[0];  // ((-a * b) + (c / 2)) - 1
  CHECK(sum.op == '-');
  CHECK(sum.items[1]->number == 1);
  const ast::Expr& plus = *sum.items[0];
  CHECK(plus.op == '+');
  CHECK(plus.items[0]->op == '*');
  CHECK(plus.items[0]->items[0]->kind == ast::ExprKind::Unary);
  CHECK(plus.items[0]->items[0]->items[0]->text == "a");
  CHECK(plus.items[1]->op == '/');
  CHECK(p->text(plus.span) == "-a * b + c / 2");
  CHECK(items[1]->kind == ast::ExprKind::Number);
  CHECK(items[2]->kind == ast::ExprKind::Tuple);
  CHECK(items[2]->items.size() == 2);
  CHECK(items[3]->number == 3);
  CHECK(items[4]->kind == ast::ExprKind::Call);
  CHECK(items[4]->callee.name == "max");
  CHECK(items[4]->args.size() == 2);
  CHECK(items[5]->kind == ast::ExprKind::String);
  CHECK(items[5]->text == "q\"\\\n");
  CHECK(items[6]->kind == ast::ExprKind::Bool);
  CHECK(items[6]->bool_value);
}

TEST_CASE("keywords are contextual") {
  auto p = parse(R"(
sample Stereo { left: image(rgb)  right: image(rgb)  batch: class(10)  policy: text(en)? }
policy p(in: int = 1, on: float = 2) on Stereo {
  spec_augment(policy: LD)
  hflip(on: left)
  seq: vflip(on: right) @p(0.5);
  match: foo(const: 1, sample: true, enum: in)
}
)");
  CHECK_MESSAGE(p->diags.all().empty(), p->dump());
  const ast::Sample& s = p->file->samples.at(0);
  REQUIRE(s.fields.size() == 4);
  CHECK(s.fields[2].name.name == "batch");
  CHECK(s.fields[3].name.name == "policy");
  CHECK(s.fields[3].type.optional);
  const ast::Policy& pol = p->file->policies.at(0);
  CHECK(pol.params[0].name.name == "in");
  CHECK(pol.params[1].name.name == "on");
  REQUIRE(pol.body.size() == 4);
  CHECK(pol.body[0]->args[0].name->name == "policy");
  CHECK(pol.body[0]->args[0].value->text == "LD");
  CHECK(pol.body[1]->args[0].name->name == "on");
  CHECK(pol.body[2]->label->name == "seq");
  CHECK(pol.body[2]->callee.name == "vflip");
  CHECK(pol.body[3]->label->name == "match");
  CHECK(pol.body[3]->args[2].value->text == "in");
}

TEST_CASE("field types and parameter types") {
  auto p = parse(R"(
sample Det {
  image: image(rgb)
  classes: class(80)[]
  caption: text(en)?
  points: keypoints(17, flip: [(1, 2), (3, 4)])
  audio: audio(16kHz, mono)
}
transform t(sizes: [float], caption: swap_lr | keep = keep, s: float in {0.9, 1.0, 1.1} = 1.0) { a() }
)");
  CHECK_MESSAGE(p->diags.all().empty(), p->dump());
  const auto& fields = p->file->samples.at(0).fields;
  REQUIRE(fields.size() == 5);
  CHECK(fields[1].type.list_depth == 1);
  CHECK_FALSE(fields[1].type.optional);
  CHECK(fields[2].type.optional);
  CHECK(fields[2].type.list_depth == 0);
  const ast::FieldType& kp = fields[3].type;
  REQUIRE(kp.args.size() == 2);
  CHECK(kp.args[0].value->number == 17);
  CHECK(kp.args[1].name->name == "flip");
  const ast::Expr& pairs = *kp.args[1].value;
  REQUIRE(pairs.items.size() == 2);
  CHECK(pairs.items[1]->kind == ast::ExprKind::Tuple);
  CHECK(pairs.items[1]->items[0]->number == 3);
  CHECK(fields[4].type.args[0].value->unit == "kHz");

  const auto& params = p->file->transforms.at(0).params;
  REQUIRE(params.size() == 3);
  CHECK(params[0].type.kind == ast::TypeRef::Kind::List);
  REQUIRE(params[0].type.element);
  CHECK(params[0].type.element->name.name == "float");
  CHECK(params[1].type.kind == ast::TypeRef::Kind::InlineEnum);
  CHECK(params[1].type.enum_values[0].name == "swap_lr");
  CHECK(params[1].type.enum_values[1].name == "keep");
  CHECK(params[1].default_value->text == "keep");
  REQUIRE(params[2].domain);
  CHECK(params[2].domain->kind == ast::DomainKind::Set);
  CHECK(params[2].domain->items.size() == 3);
}

TEST_CASE("several syntax errors in one file, each on its line, and recovery") {
  auto p = parse(R"(policy a on S {
  resize(size: 224
  hflip()
}
policy b on S {
  rotate(angle: 30deg,, fill: 0)
}
sample S { image: image(rgb) }
policy c on S {
  crop(size: 224) }
)");
  const auto& all = p->diags.all();
  REQUIRE_MESSAGE(all.size() == 2, p->dump());
  CHECK(all[0].kind().code == "E0101");
  CHECK(p->line(all[0].span) == 3);
  CHECK(all[0].message == "expected `)`, found `hflip`");
  CHECK(all[1].kind().code == "E0101");
  CHECK(p->line(all[1].span) == 6);
  CHECK(p->col(all[1].span) == 23);
  // Recovery keeps every declaration and the statements around the errors; a statement the parser had to
  // repair (here `resize(size: 224` without its `)`) is left out, so sema reports nothing more about it.
  REQUIRE(p->file->policies.size() == 3);
  REQUIRE(p->file->policies[0].body.size() == 1);
  CHECK(p->file->policies[0].body[0]->callee.name == "hflip");
  CHECK(p->file->samples.size() == 1);
  CHECK(p->file->policies[2].body.size() == 1);
}

TEST_CASE("a missing closing brace points at the opening one") {
  auto p = parse("policy a on S {\n  hflip()\n");
  REQUIRE_MESSAGE(p->diags.all().size() == 1, p->dump());
  const Diagnostic& d = p->diags.all()[0];
  CHECK(d.message == "expected `}` or a statement, found end of file");
  REQUIRE(d.notes.size() == 1);
  CHECK(p->line(d.notes[0].span) == 1);
  CHECK(p->text(d.notes[0].span) == "{");
}

TEST_CASE("an unterminated string is one E0102 and nothing else") {
  auto p = parse("policy a on S {\n  load(path: \"data/x.png)\n  hflip()\n}\n");
  REQUIRE_MESSAGE(p->diags.all().size() == 1, p->dump());
  const Diagnostic& d = p->diags.all()[0];
  CHECK(d.kind().code == "E0102");
  CHECK(p->line(d.span) == 2);
  CHECK(p->col(d.span) == 14);
  REQUIRE(d.fixits.size() == 1);
  CHECK(d.fixits[0].replacement == "\"");
}

TEST_CASE("invalid escapes are E0103, one per escape") {
  auto p = parse("const s = \"a\\tb\\qc\\\\d\"");
  REQUIRE_MESSAGE(p->diags.all().size() == 2, p->dump());
  CHECK(p->codes_are({"E0103", "E0103"}));
  CHECK(p->text(p->diags.all()[0].span) == "\\t");
  CHECK(p->diags.all()[0].message == "invalid escape `\\t` in string (use \\\", \\\\ or \\n)");
  CHECK(p->text(p->diags.all()[1].span) == "\\q");
}

TEST_CASE("unknown units are E0104 with the closest known unit as a fix-it") {
  auto p = parse("const a = [30dg, 16khz, 3parsecs]");
  REQUIRE_MESSAGE(p->diags.all().size() == 3, p->dump());
  CHECK(p->codes_are({"E0104", "E0104", "E0104"}));
  const Diagnostic& dg = p->diags.all()[0];
  CHECK(dg.message == "unknown unit `dg`");
  CHECK(p->text(dg.span) == "dg");
  REQUIRE(dg.fixits.size() == 1);
  CHECK(dg.fixits[0].replacement == "deg");
  CHECK(dg.fixits[0].message == "did you mean `30deg`?");
  CHECK(p->diags.all()[1].fixits.at(0).replacement == "kHz");
  CHECK(p->diags.all()[2].fixits.empty());
  CHECK_FALSE(p->diags.all()[2].notes.empty());
  // The number still parses, with the unit as written, so checking can go on.
  CHECK(p->file->consts.at(0).value->items.at(0)->unit == "dg");
}

TEST_CASE("invalid numbers are E0105") {
  auto p = parse("const a = [.5, 1e, 99999999999999999999]");
  CHECK_MESSAGE(p->codes_are({"E0105", "E0105", "E0105"}), p->dump());
  CHECK(p->diags.all()[0].fixits.at(0).replacement == "0");
  CHECK(p->file->consts.at(0).value->items.at(0)->number == doctest::Approx(0.5));
}

TEST_CASE("a unit written apart from its number gets a fix-it") {
  auto p = parse("policy a on S { rotate(angle: 30 deg) }");
  REQUIRE_MESSAGE(p->diags.all().size() == 1, p->dump());
  const Diagnostic& d = p->diags.all()[0];
  CHECK(d.message == "expected `)`, found `deg`");
  REQUIRE(d.fixits.size() == 1);
  CHECK(p->text(d.fixits[0].span) == " ");
}

TEST_CASE("stray characters are reported once per run and do not derail the parse") {
  auto p = parse("policy a on S {\n  hflip() $$$\n  crop(size: 'x')\n}\n");
  CHECK_MESSAGE(p->codes_are({"E0101", "E0101", "E0101"}), p->dump());
  CHECK(p->diags.all()[0].message == "unexpected character `$`");
  CHECK(p->diags.all()[1].message == "unexpected character `'` (strings are written in double quotes)");
  CHECK(p->file->policies.at(0).body.size() == 2);
}

TEST_CASE("semicolons are optional and statements need no separator") {
  auto p = parse("policy a on S { a(); b() c();; } ; policy b on S { }");
  CHECK_MESSAGE(p->diags.all().empty(), p->dump());
  CHECK(p->file->policies.size() == 2);
}

TEST_CASE("spans are byte offsets even after non-ASCII text") {
  auto p = parse("# déjà vu — ü\nconst x = 30deg");
  CHECK(p->diags.all().empty());
  const ast::Expr& v = *p->file->consts.at(0).value;
  CHECK(p->text(v.span) == "30deg");
  CHECK(p->line(v.span) == 2);
  CHECK(p->col(v.span) == 11);
}

TEST_CASE("hostile input never crashes and never throws") {
  std::vector<std::string> inputs = {
      "",
      "policy",
      "policy (",
      "op",
      "op f(",
      "op f(a: ) : -> effects { x: } cost { y: } doc",
      "sample { : (",
      "policy p(x: int in = ) on { one_of { @p( } some_of( { match { => } }",
      "const = ",
      "const x = 1 +",
      "const x = (1, ",
      "const x = [1, 2",
      "enum = | |",
      "import",
      "import \"abc",
      "policy p on S { a: b: c() }",
      "}}}}))))]]]]",
      "\"\\",
      std::string("const x = \"\xff\xfe\x80\"\n\xc3\x28 policy"),
      std::string("\0\0\0", 3),
      std::string(5000, '('),
      std::string(5000, '-') + "1",
      "const x = " + std::string(300, '[') + "1" + std::string(300, ']'),
  };
  std::string chain = "const x = 1";
  for (int i = 0; i < 3000; ++i) chain += " + 1";
  inputs.push_back(chain);
  std::string many = "policy p on S {";
  for (int i = 0; i < 200; ++i) many += " f(,) ";
  inputs.push_back(many + "}");
  for (const auto& input : inputs) {
    CAPTURE(input.substr(0, 60));
    std::unique_ptr<Parsed> p;
    CHECK_NOTHROW(p = parse(input));
    REQUIRE(p->file);
    for (const auto& d : p->diags.all()) CHECK(d.kind().code != "E0001");
  }
}

TEST_CASE("a declaration keyword after an unfinished declaration is reported at the keyword") {
  auto p = parse("policy a on S {\n  hflip()\n\npolicy b on S { vflip() }\n");
  REQUIRE_MESSAGE(p->diags.all().size() == 1, p->dump());
  const Diagnostic& d = p->diags.all()[0];
  CHECK(d.message == "`policy` starts a new declaration, but the one before it is not finished");
  CHECK(p->line(d.span) == 4);
  REQUIRE(d.notes.size() == 1);
  CHECK(p->line(d.notes[0].span) == 1);

  auto q = parse("const x = 1 +\nconst y = 2\n");
  REQUIRE_MESSAGE(q->diags.all().size() == 1, q->dump());
  CHECK(q->diags.all()[0].message == "`const` starts a new declaration, but the one before it is not finished");
}

TEST_CASE("friendly messages for common slips") {
  auto call = parse("policy a on S {\n  rotate angle: 30deg)\n}\n");
  REQUIRE_MESSAGE(call->diags.all().size() == 1, call->dump());
  CHECK(call->diags.all()[0].message == "expected `(` after `rotate`, found `angle`");

  auto typo = parse("polcy a on S { }\npolicy b on S { x() }\n");
  REQUIRE_MESSAGE(typo->diags.all().size() == 1, typo->dump());
  CHECK(typo->diags.all()[0].message == "expected a declaration or end of file, found `polcy`");
  REQUIRE(typo->diags.all()[0].fixits.size() == 1);
  CHECK(typo->diags.all()[0].fixits[0].replacement == "policy");
  CHECK(typo->file->policies.size() == 1);

  auto arrow = parse("policy a on S {\n  match mode {\n    a => x()\n    b -> y()\n  }\n}\n");
  REQUIRE_MESSAGE(arrow->diags.all().size() == 1, arrow->dump());
  CHECK(arrow->diags.all()[0].message == "expected `=>`, found `->`");

  auto field = parse("sample S {\n  image image(rgb)\n}\n");
  REQUIRE_MESSAGE(field->diags.all().size() == 1, field->dump());
  CHECK(field->diags.all()[0].message == "expected `:`, found `image`");

  auto kind = parse("op f(x: int) : image ->\n  effects { boxes: keep }\n");
  REQUIRE_MESSAGE(kind->diags.all().size() == 1, kind->dump());
  CHECK(kind->diags.all()[0].message == "expected a name, found `effects`");
}

TEST_CASE("recovery inserts a missing `)` rather than deleting a block's `}`") {
  auto p = parse(
      "policy a on S {\n  one_of {\n    hflip()\n    vflip(\n  }\n  crop(size: 224)\n}\n"
      "policy b on S { foo(a: 1) }\n");
  REQUIRE_MESSAGE(p->diags.all().size() == 1, p->dump());
  CHECK(p->line(p->diags.all()[0].span) == 5);
  REQUIRE(p->file->policies.size() == 2);
  const auto& body = p->file->policies[0].body;
  REQUIRE(body.size() == 2);
  CHECK(body[0]->kind == ast::StmtKind::OneOf);
  CHECK(body[0]->body.size() == 1);  // the repaired `vflip(` is left out
  CHECK(body[1]->callee.name == "crop");
  CHECK(p->file->policies[1].body.size() == 1);
}
