#include "compiler/format/layout.h"

#include <algorithm>
#include <utility>

namespace auger::format {

namespace {

template <typename F>
void for_atoms(const Node& n, F&& f) {
  if (n.kind == Node::Kind::Atom) {
    f(n);
    return;
  }
  for (const Node& k : n.kids) for_atoms(k, f);
}

bool ends_with_comment(const Node& n) {
  const Node* last = nullptr;
  for_atoms(n, [&](const Node& a) { last = &a; });
  return last && last->notes && !last->notes->trailing.empty();
}

int lead_space(const Node& n) {
  const Node* a = first_atom(n);
  return a ? a->space : 0;
}

// Width up to and including the opening bracket of the first list in `n`; -1 when `n` has no list.
int head_width(const Node& n, int& acc) {
  if (n.kind == Node::Kind::Atom) {
    acc += n.space + text_width(n.text);
    return -1;
  }
  if (n.kind == Node::Kind::List) {
    const Node& open = n.kids.front();
    return acc + open.space + text_width(open.text);
  }
  for (const Node& k : n.kids) {
    int w = head_width(k, acc);
    if (w >= 0) return w;
  }
  return -1;
}

}  // namespace

int text_width(const std::string& s) {
  int w = 0;
  for (unsigned char c : s) w += (c & 0xC0) != 0x80 ? 1 : 0;
  return w;
}

Node atom(std::string text, int space, const TokenNotes* notes) {
  Node n;
  n.kind = Node::Kind::Atom;
  n.text = std::move(text);
  n.space = space;
  n.notes = notes;
  return n;
}

Node flat(std::vector<Node> parts) {
  Node n;
  n.kind = Node::Kind::Flat;
  n.kids = std::move(parts);
  return n;
}

Node list(Node open, std::vector<Node> items, Node close) {
  Node n;
  n.kind = Node::Kind::List;
  n.kids.push_back(std::move(open));
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (Node* a = first_atom(items[i])) a->space = i == 0 ? 0 : 1;
    n.kids.push_back(std::move(items[i]));
  }
  close.space = 0;
  n.kids.push_back(std::move(close));
  return n;
}

Node* first_atom(Node& n) {
  if (n.kind == Node::Kind::Atom) return &n;
  for (Node& k : n.kids)
    if (Node* a = first_atom(k)) return a;
  return nullptr;
}

const Node* first_atom(const Node& n) {
  return first_atom(const_cast<Node&>(n));
}

// ---- Printer ---------------------------------------------------------------------------------------------

void Printer::write(const std::string& s) {
  if (s.empty()) return;
  if (line_empty_) {
    out_.append(static_cast<std::size_t>(col_), ' ');
    line_empty_ = false;
  }
  out_ += s;
  col_ += text_width(s);
}

void Printer::newline(int col) {
  out_ += '\n';
  col_ = col;
  line_empty_ = true;
}

void Printer::blank_line() {
  if (out_.empty() || !line_empty_) return;
  if (out_.size() >= 2 && out_[out_.size() - 2] == '\n') return;
  out_ += '\n';
}

void Printer::trailing_comment(const Comment& c) {
  int target = std::max(c.column, col_ + 2);
  out_.append(static_cast<std::size_t>(target - col_), ' ');
  out_ += c.text;
  col_ = target + text_width(c.text);
}

void Printer::emit_atom(const Node& a) {
  bool has_leading = a.notes && !a.notes->leading.empty() && a.notes != leading_done_;
  if (has_leading) {
    // A comment on its own line stays on its own line, at the column the code continues at.
    if (!line_empty_) newline(cont_.back());
    for (const Comment& c : a.notes->leading) {
      int col = col_;
      write(c.text);
      newline(col);
    }
    must_break_ = false;
  } else if (must_break_) {
    newline(cont_.back());
    must_break_ = false;
  }
  if (!line_empty_) write(std::string(static_cast<std::size_t>(a.space), ' '));
  write(a.text);
  atom_end_ = col_;
  if (a.notes && !a.notes->trailing.empty()) {
    trailing_comment(a.notes->trailing.front());
    must_break_ = true;
  }
}

int Printer::flat_width(const Node& n) const {
  int w = 0;
  bool broken = false;
  const Node* last = nullptr;
  for_atoms(n, [&](const Node& a) { last = &a; });
  for_atoms(n, [&](const Node& a) {
    w += a.space + text_width(a.text);
    if (!a.notes) return;
    if (!a.notes->leading.empty() && a.notes != leading_done_) broken = true;
    if (!a.notes->trailing.empty() && &a != last) broken = true;
  });
  return broken ? -1 : w;
}

int Printer::head_width(const Node& n) const {
  int acc = 0;
  return format::head_width(n, acc);
}

void Printer::render(const Node& n, int suffix, bool flat) {
  switch (n.kind) {
    case Node::Kind::Atom: emit_atom(n); return;
    case Node::Kind::Flat:
      for (const Node& k : n.kids) render(k, 0, true);
      return;
    case Node::Kind::List: render_list(n, suffix, flat); return;
    case Node::Kind::Seq: break;
  }
  // What follows a part on its line counts against the part's room.
  std::vector<int> rest(n.kids.size() + 1, suffix);
  for (std::size_t i = n.kids.size(); i-- > 0;) rest[i] = rest[i + 1] + std::max(0, flat_width(n.kids[i]));
  for (std::size_t i = 0; i < n.kids.size(); ++i) render(n.kids[i], rest[i + 1], flat);
}

void Printer::render_list(const Node& n, int suffix, bool flat) {
  const Node& close = n.kids.back();
  emit_atom(n.kids.front());
  int inner = 0;
  bool breaks = false;
  for (std::size_t i = 1; i < n.kids.size(); ++i) {
    int w = flat_width(n.kids[i]);
    // A comment after an item (not after the closing bracket) breaks the list there.
    breaks = breaks || w < 0 || (i + 1 < n.kids.size() && ends_with_comment(n.kids[i]));
    inner += std::max(0, w);
  }
  if (flat || (!breaks && !must_break_ && col_ + inner + suffix <= width_)) {
    for (std::size_t i = 1; i < n.kids.size(); ++i) render(n.kids[i], 0, true);
    return;
  }
  int align = atom_end_;  // right after the bracket, not after a comment that follows it
  cont_.push_back(align);
  std::size_t last = n.kids.size() - 2;
  for (std::size_t i = 1; i <= last; ++i) {
    const Node& item = n.kids[i];
    int tail = i == last ? std::max(0, flat_width(close)) + suffix : 0;
    int w = flat_width(item);
    int sp = lead_space(item);
    if (w >= 0 && !must_break_ && col_ + (line_empty_ ? w - sp : w) + tail <= width_) {
      render(item, tail, true);
      continue;
    }
    bool at_start = line_empty_ || col_ == align || must_break_;
    if (w >= 0 && align + (w - sp) + tail <= width_) {
      if (!at_start) newline(align);
      render(item, tail, true);
      continue;
    }
    // Fits on no line: it starts here when its head does, and breaks inside its own lists.
    if (!at_start) {
      int h = head_width(item);
      if (h < 0 || col_ + h > width_) newline(align);
    }
    render(item, tail, false);
  }
  emit_atom(close);
  cont_.pop_back();
}

void Printer::line(const Node& n, int indent) {
  col_ = indent;
  line_empty_ = true;
  must_break_ = false;
  cont_.assign(1, indent + 4);
  render(n, 0, false);
  if (!line_empty_) newline(0);
  must_break_ = false;
  leading_done_ = nullptr;
}

void Printer::leading(const TokenNotes* notes, int indent, Blank first, bool keep_token_blank) {
  if (!notes) return;
  bool is_first = true;
  auto maybe_blank = [&](bool written) {
    Blank rule = is_first ? first : Blank::Keep;
    if (rule == Blank::Always || (rule == Blank::Keep && written)) blank_line();
    is_first = false;
  };
  for (const Comment& c : notes->leading) {
    maybe_blank(c.blank_before);
    col_ = indent;
    line_empty_ = true;
    write(c.text);
    newline(0);
  }
  if (keep_token_blank) maybe_blank(notes->blank_before);
  leading_done_ = notes;
}

}  // namespace auger::format
