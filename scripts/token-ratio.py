#!/usr/bin/python3
"""How much longer a Reel scene is than the Manim scene it ports, in tokens.

For each ported Manim docs example it counts the tokens of the Manim source
(tests/data/reference/gallery/NAME.py) and of the Reel scene (scenes/NAME/NAME.cpp) and prints
both counts and Reel / Manim, per example and for the four together (sum over sum).

One rule for both languages:
  * a token is an identifier or keyword, a number (1, 10.3, 1e-3, 2.0f), a string literal
    (any prefix: r"..", f'..', R"(..)", with its quotes: one token however long), or an
    operator / punctuation mark; operators of several characters written as one in either
    language count once (:: -> ** == != <= >= && || += -= *= /= ++ -- << >>);
  * not counted: comments (# in Python; // and /* */ in C++), whitespace, indentation and
    line breaks, and the lines that only bring names in: Python's `import ...` /
    `from ... import ...`, C++'s `#include ...` and `using namespace ...;`;
  * the scene header is not counted on either side: Python's `class NAME(Scene):` and
    `def construct(self):`, C++'s `REEL_SCENE(NAME, "description") {` and the `}` that closes
    it. Everything inside the scene body counts, `self.` and `s.` alike.

Usage: scripts/token-ratio.py [--breakdown] [NAME ...]   (default: the four ported examples)
--breakdown also prints, per example, the C++ tokens Python has no counterpart for: statement
ends (`;`, where Python ends a line) and `auto` (where Python just assigns); they stay counted in
the ratio. Only the standard library; run from anywhere.
"""
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXAMPLES = ["point_moving_on_shapes", "moving_dots", "rotation_updater",
            "sin_and_cos_function_plot"]

MULTI_OPS = ["::", "->", "**", "==", "!=", "<=", ">=", "&&", "||", "+=", "-=", "*=", "/=",
             "++", "--", "<<", ">>"]
NUMBER = re.compile(r"(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?[fFlLuU]*")
IDENT = re.compile(r"[A-Za-z_]\w*")
PY_STRING = re.compile(r"""[rRbBuUfF]{0,2}('''.*?'''|\"\"\".*?\"\"\"|'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*")""",
                       re.S)
CPP_RAW = re.compile(r'(?:u8|[uUL])?R"([^(\s]*)\((.*?)\)\1"', re.S)
CPP_STRING = re.compile(r"""(?:u8|[uUL])?("(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*')""")


def tokenize(text, lang):
    """The tokens of `text` (lang "py" or "cpp"), comments and import lines dropped."""
    tokens = []
    i, n = 0, len(text)
    line_start = True
    while i < n:
        c = text[i]
        if c == "\n":
            line_start = True
            i += 1
            continue
        if c.isspace():
            i += 1
            continue
        # Lines that only bring names in: skipped whole (first token of a line).
        if line_start:
            rest = text[i:text.find("\n", i) if "\n" in text[i:] else n]
            if (lang == "py" and re.match(r"(import|from)\b", rest)) or (
                    lang == "cpp" and re.match(r"(#\s*include\b|using\s+namespace\b)", rest)):
                i += len(rest)
                continue
        line_start = False
        if lang == "py" and c == "#":
            i = text.find("\n", i) if "\n" in text[i:] else n
            continue
        if lang == "cpp" and text.startswith("//", i):
            i = text.find("\n", i) if "\n" in text[i:] else n
            continue
        if lang == "cpp" and text.startswith("/*", i):
            end = text.find("*/", i + 2)
            i = n if end < 0 else end + 2
            continue
        m = None
        if lang == "cpp":
            m = CPP_RAW.match(text, i) or CPP_STRING.match(text, i)
        else:
            m = PY_STRING.match(text, i)
        if m:
            tokens.append(("str", m.group(0)))
            i = m.end()
            continue
        m = NUMBER.match(text, i)
        if m and (c.isdigit() or (c == "." and i + 1 < n and text[i + 1].isdigit())):
            tokens.append(("num", m.group(0)))
            i = m.end()
            continue
        m = IDENT.match(text, i)
        if m:
            tokens.append(("id", m.group(0)))
            i = m.end()
            continue
        for op in MULTI_OPS:
            if text.startswith(op, i):
                tokens.append(("op", op))
                i += len(op)
                break
        else:
            tokens.append(("op", c))
            i += 1
    return tokens


def values(tokens):
    return [v for _, v in tokens]


def strip_header(tokens, lang):
    """The scene body's tokens: the class / REEL_SCENE header (and C++'s closing brace) removed."""
    v = values(tokens)
    if lang == "py":
        out, k = [], 0
        while k < len(v):
            if v[k] == "class" and v[k + 2:k + 6] == ["(", "Scene", ")", ":"]:
                k += 6
            elif v[k:k + 6] == ["def", "construct", "(", "self", ")", ":"]:
                k += 6
            else:
                out.append(tokens[k])
                k += 1
        return out
    if "REEL_SCENE" not in v:
        raise SystemExit("no REEL_SCENE in the C++ source")
    k = v.index("REEL_SCENE")
    open_brace = v.index("{", k)
    depth, end = 0, None
    for j in range(open_brace, len(v)):
        depth += {"{": 1, "}": -1}.get(v[j], 0)
        if depth == 0:
            end = j
            break
    if end is None:
        raise SystemExit("REEL_SCENE body not closed")
    return tokens[:k] + tokens[open_brace + 1:end] + tokens[end + 1:]


def body_tokens(path, lang):
    with open(path, encoding="utf-8") as f:
        return values(strip_header(tokenize(f.read(), lang), lang))


def main(argv):
    breakdown = "--breakdown" in argv[1:]
    names = [a for a in argv[1:] if a != "--breakdown"] or EXAMPLES
    total_py = total_cpp = total_semi = total_auto = 0
    extra = f" {';':>4} {'auto':>5}" if breakdown else ""
    print(f"{'example':28} {'manim':>6} {'reel':>6} {'ratio':>6}{extra}")
    for name in names:
        py = len(body_tokens(os.path.join(ROOT, "tests/data/reference/gallery", name + ".py"), "py"))
        cpp_tokens = body_tokens(os.path.join(ROOT, "scenes", name, name + ".cpp"), "cpp")
        cpp = len(cpp_tokens)
        semi, auto = cpp_tokens.count(";"), cpp_tokens.count("auto")
        total_py += py
        total_cpp += cpp
        total_semi += semi
        total_auto += auto
        extra = f" {semi:4d} {auto:5d}" if breakdown else ""
        print(f"{name:28} {py:6d} {cpp:6d} {cpp / py:6.2f}{extra}")
    extra = f" {total_semi:4d} {total_auto:5d}" if breakdown else ""
    print(f"{'total':28} {total_py:6d} {total_cpp:6d} {total_cpp / total_py:6.2f}{extra}")


if __name__ == "__main__":
    main(sys.argv)
