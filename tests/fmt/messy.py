"""Deliberately messy variants of a policy file: the same program, written badly."""
import re


def _code_and_comment(line):
    """Splits a line at its comment (a `#` outside a string)."""
    in_string = False
    for i, ch in enumerate(line):
        if ch == '"' and (i == 0 or line[i - 1] != "\\"):
            in_string = not in_string
        elif ch == "#" and not in_string:
            return line[:i], line[i:]
    return line, ""


def odd_spacing(text):
    """Indentation scrambled, spaces added and removed around punctuation (outside strings and comments)."""
    out = []
    for n, line in enumerate(text.splitlines()):
        code, comment = _code_and_comment(line)
        if '"' not in code:
            code = code.strip()
            code = re.sub(r",\s*", " ,  " if n % 2 else ",", code)
            code = re.sub(r":\s*", " :   " if n % 3 else ":", code)
            code = code.replace("(", "( ").replace(")", " )") if n % 2 else code
            code = re.sub(r"\s*([*+/])\s*", r"\1", code)
            code = " " * (n % 7) + code
        out.append(code + ("   " if comment else "") + comment.strip())
    return "\n".join(out) + "\n"


def comments_everywhere(text):
    """An own-line comment before every line and a trailing comment after every line that has room."""
    out = []
    for n, line in enumerate(text.splitlines()):
        out.append(f"# own {n}")
        code, comment = _code_and_comment(line)
        if not comment and code.strip() and '"' not in code:
            line = f"{code}  # trailing {n}"
        out.append(line)
    return "\n".join(out) + "\n"


def long_lines(text):
    """Wrapped argument lists joined into single long lines, and blank lines doubled."""
    joined = re.sub(r",[ \t]*\n[ \t]+", ", ", text)
    return joined.replace("\n\n", "\n\n\n\n")


def semicolons(text):
    """Optional `;` after every call statement and trailing commas in lists."""
    lines = []
    source = text.split("\n")
    in_op = False
    for line in source:
        code, comment = _code_and_comment(line)
        if code[:1].strip():
            in_op = code.startswith("op ")
        # Not inside an op declaration, whose clauses follow its header on the next lines.
        if code.rstrip().endswith(")") and not in_op:
            code = code.rstrip() + ";"
        if '"' not in code and " in [" not in code:  # an interval takes no trailing comma
            code = re.sub(r"(?<=[0-9)])\]", ",]", code)
        lines.append(code + comment)
    return "\n".join(lines)


VARIANTS = {"odd_spacing": odd_spacing, "comments_everywhere": comments_everywhere, "long_lines": long_lines,
            "semicolons": semicolons}
