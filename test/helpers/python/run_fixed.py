"""Runs code our quick fixes produced, for the unit tests (never workspace code).

  run_fixed.py notebook <file.ipynb> <stubs-dir>   run the code cells in order, in one namespace,
                                                   in the current folder (as Jupyter does)
  run_fixed.py module <file.py> <stubs-dir>        run a module as `python file.py` would
  run_fixed.py bound <file.py|file.ipynb>          check that every module-level name is bound
                                                   before it is read (no NameError on a top-to-bottom run)

IPython magics and shell escapes become `pass`: plain Python has no kernel to run them.
Prints "ok" on success; an exception's traceback otherwise.
"""
import ast
import builtins
import json
import re
import runpy
import sys

MAGIC = re.compile(r"^(\s*)[%!].*$", re.M)


def notebook_cells(path):
    with open(path, encoding="utf-8") as f:
        nb = json.load(f)
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            source = cell["source"]
            yield "".join(source) if isinstance(source, list) else source


def without_magics(code):
    return MAGIC.sub(lambda m: m.group(1) + "pass", code)


def run_notebook(path):
    namespace = {"__name__": "__main__"}
    for i, code in enumerate(notebook_cells(path)):
        exec(compile(without_magics(code), f"<cell {i}>", "exec"), namespace)


class Bound(ast.NodeVisitor):
    """Module-level names read before any statement bound them. Function bodies run later, so
    their reads are checked against every module-level binding."""

    def __init__(self):
        self.bound = set(dir(builtins)) | {"__file__", "__name__", "get_ipython", "display"}
        self.unbound = []
        self.deferred = []

    def statements(self, body):
        for stmt in body:
            self.statement(stmt)

    def statement(self, stmt):
        if isinstance(stmt, (ast.Import, ast.ImportFrom)):
            for alias in stmt.names:
                self.bound.add(alias.asname or alias.name.split(".")[0])
        elif isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            for d in stmt.decorator_list:
                self.reads(d)
            self.bound.add(stmt.name)
            self.deferred.append(stmt)
        elif isinstance(stmt, (ast.If, ast.While)):
            self.reads(stmt.test)
            self.statements(stmt.body)
            self.statements(stmt.orelse)
        elif isinstance(stmt, (ast.For, ast.AsyncFor)):
            self.reads(stmt.iter)
            self.stores(stmt.target)
            self.statements(stmt.body)
            self.statements(stmt.orelse)
        elif isinstance(stmt, (ast.With, ast.AsyncWith)):
            for item in stmt.items:
                self.reads(item.context_expr)
                if item.optional_vars is not None:
                    self.stores(item.optional_vars)
            self.statements(stmt.body)
        elif isinstance(stmt, ast.Try):
            self.statements(stmt.body)
            for h in stmt.handlers:
                if h.name:
                    self.bound.add(h.name)
                self.statements(h.body)
            self.statements(stmt.orelse)
            self.statements(stmt.finalbody)
        else:
            self.reads(stmt)
            self.stores(stmt)

    def reads(self, node):
        local = set()
        for n in ast.walk(node):
            if isinstance(n, ast.comprehension):
                local |= {t.id for t in ast.walk(n.target) if isinstance(t, ast.Name)}
            if isinstance(n, ast.NamedExpr):
                local.add(n.target.id)
            if isinstance(n, ast.Lambda):
                local |= {a.arg for a in n.args.args + n.args.kwonlyargs}
        for n in ast.walk(node):
            if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load) and n.id not in self.bound and n.id not in local:
                self.unbound.append(f"line {n.lineno}: {n.id}")

    def stores(self, node):
        for n in ast.walk(node):
            if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store):
                self.bound.add(n.id)

    def check_deferred(self):
        for fn in self.deferred:
            scope = {n.id for n in ast.walk(fn) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
            scope |= {a.arg for n in ast.walk(fn) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)) for a in n.args.args + n.args.kwonlyargs}
            scope |= {(a.asname or a.name.split(".")[0]) for n in ast.walk(fn) if isinstance(n, (ast.Import, ast.ImportFrom)) for a in n.names}
            for n in ast.walk(fn):
                if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load) and n.id not in self.bound and n.id not in scope:
                    self.unbound.append(f"line {n.lineno}: {n.id} (in {fn.name})")


def check_bound(path):
    if path.endswith(".ipynb"):
        sources = [without_magics(c) for c in notebook_cells(path)]
    else:
        with open(path, encoding="utf-8") as f:
            sources = [f.read()]
    checker = Bound()
    for source in sources:
        checker.statements(ast.parse(source).body)
    checker.check_deferred()
    if checker.unbound:
        raise SystemExit("read before bound: " + ", ".join(checker.unbound))


def main():
    mode, path = sys.argv[1], sys.argv[2]
    if mode != "bound":
        # Stub libraries (a pandas that reads files with open()) instead of site-packages.
        sys.path.insert(0, sys.argv[3])
    if mode == "notebook":
        run_notebook(path)
    elif mode == "module":
        runpy.run_path(path, run_name="__main__")
    else:
        check_bound(path)
    print("ok")


main()
