"""Run the hub's content checks: `python -m nexus.checks` (pages; `pages --fix` fixes what is mechanical)
or `python -m nexus.checks build` (strict build).

Problems print as `file:line: message`; under GitHub Actions they are also printed as
`::error file=...,line=...::` so they appear on the pull request's changed lines.
"""
import os
import sys

from nexus import ROOT

from . import build, fix, pages


def report(problems, title):
    annotate = os.environ.get("GITHUB_ACTIONS") == "true"
    for problem in problems:
        print(problem)
        if annotate:
            message = problem.message.replace("%", "%25").replace("\n", "%0A")
            print(f"::error file={problem.path},line={problem.line},title={title}::{message}")


def main(argv, root=ROOT):
    command = argv[1] if len(argv) > 1 else "pages"
    if command == "pages":
        if "--fix" in argv[2:]:
            changed = fix.fix_all(pages.Rules(root))
            print("\n".join(f"fixed {path}" for path in changed) or "nothing to fix")
        problems = pages.check_all(root)
        report(problems, "Page check")
        if problems:
            fixable = sum(problem.fixable for problem in problems)
            print(f"\n{len(problems)} problem(s) in docs/. Fix them and run `make check` again."
                  + (f" `make fix` fixes {fixable} of them for you." if fixable else ""))
            return 1
        print("Page checks passed.")
        return 0
    if command == "build":
        problems, code = build.strict_build(argv[2:])
        report(problems, "Site build")
        if code:
            print("\nThe strict build failed. Each line above names the file to fix.")
        return code
    print(f"unknown command {command!r}; use: python -m nexus.checks [pages|build]")
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
