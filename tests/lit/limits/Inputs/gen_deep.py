#!/usr/bin/env python3
"""Writes a policy nested DEPTH levels deep in one way (KIND) into FOLDER/main.aug (and, for imports, more files).

Every kind puts the sample on lines 1-3 and the policy on lines 4-6, so the checks can name lines:
  parens, lists, signs, blocks, plus  -- one expression or body on line 5
  transforms  -- line 6+i is `transform t<i>() { t<i+1>() }`; the policy calls t1
  consts      -- line 6+i is `const c<i> = c<i+1>`; the policy's default is c1
  imports     -- main.aug imports m1.aug on line 1 (so the rest is a line lower); m<i>.aug imports m<i+1>.aug
  values      -- line 6+i is `transform t<i>(x: float) { t<i+1>(x: x + x) }`
Usage: gen_deep.py KIND DEPTH FOLDER
"""
import os
import sys

HEAD = "sample Photo {\n  image: image(rgb)\n}\n"


def main(kind, depth, folder):
    os.makedirs(folder, exist_ok=True)
    body = "  hflip()\n"
    tail = ""
    default = ""
    if kind == "parens":
        body = "  rotate(angle: " + "(" * depth + "1deg" + ")" * depth + ")\n"
    elif kind == "lists":
        body = "  rotate(angle: " + "[" * depth + "1deg" + "]" * depth + ")\n"
    elif kind == "signs":
        body = "  rotate(angle: " + "-" * depth + "1deg)\n"
    elif kind == "blocks":
        body = "  " + "seq { " * depth + "hflip()" + " }" * depth + "\n"
    elif kind == "plus":
        body = "  rotate(angle: 1deg" + " + 1deg" * depth + ")\n"
    elif kind == "transforms":
        body = "  t1()\n"
        tail = "".join(f"transform t{i}() {{ t{i + 1}() }}\n" for i in range(1, depth)) + \
            f"transform t{depth}() {{ hflip() }}\n"
    elif kind == "consts":
        default = "(x: int = c1)"
        tail = "".join(f"const c{i} = c{i + 1}\n" for i in range(1, depth)) + f"const c{depth} = 1\n"
    elif kind == "values":
        default = "(m: float in [0, 1] = 0.5)"
        body = "  t1(x: m)\n"
        tail = "".join(f"transform t{i}(x: float) {{ t{i + 1}(x: x + x) }}\n" for i in range(1, depth)) + \
            f"transform t{depth}(x: float) {{ brightness(factor: x) }}\n"
    elif kind == "imports":
        for i in range(1, depth + 1):
            nxt = f'import "m{i + 1}.aug"\n' if i < depth else ""
            with open(os.path.join(folder, f"m{i}.aug"), "w") as f:
                f.write(nxt + f"transform f{i}() {{ hflip() }}\n")
        head = 'import "m1.aug"\n'
        with open(os.path.join(folder, "main.aug"), "w") as f:
            f.write(head + HEAD + "policy train on Photo {\n  f1()\n}\n")
        return
    else:
        sys.exit(f"unknown kind {kind}")
    with open(os.path.join(folder, "main.aug"), "w") as f:
        f.write(HEAD + f"policy train{default} on Photo {{\n" + body + "}\n" + tail)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3])
