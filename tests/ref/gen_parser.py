#!/usr/bin/python3
"""tests/ref/gen_parser.py — writes tests/ref/parser_ref.txt, the parser's fixture, from real CPython 3.11.

Run with Debian's interpreter:  /usr/bin/python3 tests/ref/gen_parser.py
For each snippet of tests/ref/parser_cases.py (and parser_mutants.py) it records ast.dump(ast.parse(src))
and the dump with include_attributes=True, or the SyntaxError (class, msg, lineno, offset, end_lineno,
end_offset, text), and codeop's answer (None = incomplete input; for 'single' also after a successful
parse). The C test (tests/unit/test_parser.c) compares byte for byte. Our AST differs from CPython's in
three recorded ways: the module of 'single' and 'eval' is a Module (Interactive/Expression here are
rewritten so), the u'' kind is not kept (", kind='u'" is dropped), and codeop is asked through the
parser only (PyCF_ONLY_AST), since compiler errors are not the parser's.

File format: records of "KEY LEN\\n" + LEN bytes + "\\n"; a case starts with "case" and ends with "end".
"""
import ast
import codeop
import os
import sys
import warnings

import importlib.util

# Optional arguments (for exploring new cases): a cases module and an output path.
_cases_path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), 'parser_cases.py')
_spec = importlib.util.spec_from_file_location('parser_cases', _cases_path)
parser_cases = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(parser_cases)

assert sys.version_info[:2] == (3, 11), "run with CPython 3.11 (/usr/bin/python3)"

def rec(out, key, text):
    data = text.encode('utf-8', 'surrogatepass')
    out.append(b'%s %d\n' % (key.encode(), len(data)))
    out.append(data + b'\n')

def dump(tree, attrs):
    s = ast.dump(tree, include_attributes=attrs)
    return s.replace(", kind='u'", "")   # the AST does not keep the u prefix

PyCF_DONT_IMPLY_DEDENT = 0x200
PyCF_ALLOW_INCOMPLETE_INPUT = 0x4000

def incomplete(src, mode):
    """codeop.compile_command(src, '<input>', mode) is None — with the parser only (PyCF_ONLY_AST), as
    codeop's own compile would also report compiler errors ('return' outside function), not ours."""
    sym = 'single' if mode == 'single' else 'exec'
    flags = PyCF_DONT_IMPLY_DEDENT | PyCF_ALLOW_INCOMPLETE_INPUT | ast.PyCF_ONLY_AST
    for line in src.split("\n"):
        line = line.strip()
        if line and line[0] != '#':
            break
    else:
        return False                      # codeop compiles "pass" instead
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')
        try:
            compile(src, '<input>', sym, flags, True)
            return False
        except SyntaxError:
            try:
                compile(src + "\n", '<input>', sym, flags, True)
                return True
            except SyntaxError as e:
                return "incomplete input" in str(e)

def main():
    out = []
    n_ok = n_err = n_uns = 0
    seen = set()
    problems = []
    cases = [(m, s, 'valid') for m, s in parser_cases.valid()] + \
            [(m, s, 'invalid') for m, s in parser_cases.invalid()] + \
            [(m, s, 'unsupported') for m, s in parser_cases.unsupported()]
    for mode, src, expect in cases:
        if (mode, src) in seen:
            continue
        seen.add((mode, src))
        rec(out, 'case', mode)
        rec(out, 'src', src)
        if expect == 'unsupported':
            ast.parse(src)  # valid Python that we reject on purpose
            rec(out, 'unsupported', '')
            n_uns += 1
        else:
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter('ignore')
                    tree = ast.parse(src, mode={'exec': 'exec', 'single': 'single', 'eval': 'eval'}[mode])
                if expect != 'valid':
                    problems.append(f'expected an error: {src!r}'); rec(out, 'end', ''); continue
                if mode == 'single':
                    # Interactive(body) is our Module(body)
                    tree = ast.Module(body=tree.body, type_ignores=[])
                elif mode == 'eval':
                    # Expression(body) is our Module([Expr(body)]), the Expr spanning the expression
                    e = tree.body
                    tree = ast.Module(body=[ast.Expr(value=e, lineno=e.lineno, col_offset=e.col_offset,
                                                     end_lineno=e.end_lineno, end_col_offset=e.end_col_offset)],
                                      type_ignores=[])
                rec(out, 'dump', dump(tree, False))
                rec(out, 'attrs', dump(tree, True))
                if mode == 'single':
                    rec(out, 'incomplete', '1' if incomplete(src, mode) else '0')
                n_ok += 1
            except SyntaxError as e:
                if expect != 'invalid':
                    problems.append(f'unexpected error {e!r}: {src!r}'); rec(out, 'end', ''); continue
                text = '<None>' if e.text is None else e.text
                rec(out, 'error', f'{type(e).__name__}\n{e.msg}\n{e.lineno} {e.offset} {e.end_lineno} {e.end_offset}\n{text}')
                if mode != 'eval':
                    rec(out, 'incomplete', '1' if incomplete(src, mode) else '0')
                n_err += 1
        rec(out, 'end', '')
    if problems:
        raise SystemExit('\n'.join(problems))
    path = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(os.path.abspath(__file__)), 'parser_ref.txt')
    with open(path, 'wb') as f:
        f.write(b''.join(out))
    print(f'{path}: {n_ok} valid, {n_err} errors, {n_uns} unsupported')

main()
