// The formatter's layout engine: a tree of atoms (one token's text each, with the comments attached to that
// token), sequences and bracketed lists, printed greedily into lines of at most `width` columns. Nothing here
// knows the grammar; compiler/format/cst_printer.cpp builds the trees.
//
// Lists break only at their commas: items fill a line and continue aligned one column right of the opening
// bracket; an item that fits on no line is broken inside its own lists. Comments force breaks: a comment on
// its own line stays on its own line, a trailing comment ends its line (at the column it was written at, when
// that is at least two spaces past the code, else two spaces past it).
#pragma once

#include <string>
#include <vector>

namespace auger::format {

struct Comment {
  std::string text;           // from '#', trailing whitespace removed
  bool blank_before = false;  // a blank line separates it from what precedes it
  int column = 0;             // where it started in the source (code points, 0-based)
};

// The comments attached to one token.
struct TokenNotes {
  std::vector<Comment> leading;   // comments on their own lines before the token
  std::vector<Comment> trailing;  // the comment after the token on the token's line (at most one)
  bool blank_before = false;      // a blank line precedes the token (or its first leading comment)
};

struct Node {
  enum class Kind { Atom, Seq, List, Flat };
  Kind kind = Kind::Seq;
  std::string text;                   // Atom
  int space = 0;                      // Atom: spaces before it unless it starts a line
  const TokenNotes* notes = nullptr;  // Atom: may be null
  std::vector<Node> kids;             // Seq, Flat: the parts; List: open atom, items…, close atom

  [[nodiscard]] bool empty() const { return kind != Kind::Atom && kids.empty(); }
};

Node atom(std::string text, int space, const TokenNotes* notes);
// A Flat node prints its parts on one line whatever the width (only comments break it).
Node flat(std::vector<Node> parts);
// `items` are Seqs; every item but the last ends with its comma atom. The first item gets no space before it,
// the others one.
Node list(Node open, std::vector<Node> items, Node close);
// The first atom of `n` (null when it has none).
Node* first_atom(Node& n);
const Node* first_atom(const Node& n);

// Where the first of a run of lines may get a blank line before it.
enum class Blank { Never, Keep, Always };

class Printer {
 public:
  explicit Printer(int width) : width_(width) {}

  // One logical line starting at `indent`; it ends with a newline.
  void line(const Node& n, int indent);
  // The leading comments of `notes` as their own lines at `indent`, then the blank line (if any) before the
  // token itself. `first` says whether the first of them may be preceded by a blank line; later ones keep
  // the one the author wrote. The token's own atom will not print these comments again. `keep_token_blank`
  // false drops the blank line right before the token (a closing `}`), not those before its comments.
  void leading(const TokenNotes* notes, int indent, Blank first, bool keep_token_blank = true);
  void blank_line();
  [[nodiscard]] const std::string& text() const { return out_; }

 private:
  void render(const Node& n, int suffix, bool flat);
  void render_list(const Node& n, int suffix, bool flat);
  void emit_atom(const Node& a);
  void write(const std::string& s);
  void newline(int col);
  void trailing_comment(const Comment& c);
  [[nodiscard]] int flat_width(const Node& n) const;
  [[nodiscard]] int head_width(const Node& n) const;

  std::string out_;
  int width_;
  int col_ = 0;
  int atom_end_ = 0;  // the column right after the last atom's text
  bool line_empty_ = true;
  bool must_break_ = false;
  std::vector<int> cont_;  // continuation columns, innermost last
  const TokenNotes* leading_done_ = nullptr;
};

// Display width of UTF-8 text in code points.
int text_width(const std::string& s);

}  // namespace auger::format
