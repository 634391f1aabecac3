"""One command line for the hub: `nexus --help`. The Makefile is a thin layer over it.

    nexus check [--pages]     page checks, then the strict build (--pages: page checks only)
    nexus fix                 fix what has one right answer, then check the pages
    nexus build [--engine E]  strict build with MkDocs (the deploy), ProperDocs or Zensical
    nexus postbuild SITE      the step over a built site, after an engine without the plugin
    nexus new-page            start a page from its section's template
    nexus preview | offline   the pull-request preview / the offline zip
    nexus bench               measurements (Lighthouse, bytes, search)
    nexus contract            write the Job Board's contract after an API change

Problems print as `file:line: message` for people and, under GitHub Actions, as annotations.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

from nexus import ROOT
from nexus.build import QUIET
from nexus.problems import read, report


def _pages(root: Path, fix: bool = False) -> int:
    from nexus.checks import fix as fixer, pages
    if fix:
        changed = fixer.fix_all(pages.Rules(root))
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


def _progress():
    """The engine's own progress lines (INFO) on the console; its warnings and errors come back as
    problems and print once, as file:line, through report()."""
    import logging
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    handler.addFilter(lambda record: record.levelno < logging.WARNING)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)


def _build(root: Path, site_dir: Path | None, engine: str = "mkdocs") -> int:
    os.environ.update(QUIET)
    _progress()
    if engine == "mkdocs":
        from nexus.checks.build import strict_build
        problems, code = strict_build(root, site_dir)
    else:
        problems, code = _other_engine(root, site_dir or root / "site", engine)
    report(problems, "Site build")
    if code:
        print("\nThe strict build failed. Each line above names the file to fix.")
    return code


def _other_engine(root: Path, site_dir: Path, engine: str):
    """ProperDocs (the MkDocs fork: the same plugin runs in it) or Zensical (no plugins: the page
    steps run as a Markdown extension, the site step runs here afterwards). Problems come back
    through NEXUS_PROBLEMS, a file the steps append records to."""
    import tempfile
    with tempfile.TemporaryDirectory() as scratch:
        sink = Path(scratch) / "problems.jsonl"
        env = {**os.environ, **QUIET, "NEXUS_PROBLEMS": str(sink)}
        # Zensical has no --site-dir and wants site_dir inside the config's folder: a scratch config
        # beside mkdocs.yml names a scratch folder, so the build never touches root/site, which
        # `make test` serves to the browser tests while this runs.
        scratch_name = f".zensical-{os.getpid()}"
        config, built = root / f"{scratch_name}.yml", root / f"{scratch_name}-site"
        if engine == "properdocs":
            command = [sys.executable, "-m", "properdocs", "build", "--strict", "-f", "mkdocs.yml", "-d", str(site_dir)]
        elif engine == "zensical":
            config.write_text((root / "mkdocs.yml").read_text(encoding="utf-8") + f"\nsite_dir: {built.name}\n",
                              encoding="utf-8")
            command = [_zensical(), "build", "-f", config.name, "-c"]
        else:
            raise SystemExit(f"unknown engine {engine!r}: use mkdocs, properdocs or zensical")
        import shutil
        try:
            result = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, check=False)
            sys.stdout.write(result.stdout + result.stderr)
            problems = read(sink)
            if engine == "zensical" and result.returncode == 0:
                shutil.rmtree(site_dir, ignore_errors=True)
                shutil.move(str(built), str(site_dir))
                problems += _postbuild(root, site_dir, "zensical")
        finally:
            config.unlink(missing_ok=True)
            shutil.rmtree(built, ignore_errors=True)
        return problems, (1 if problems or result.returncode else 0)


def _zensical() -> str:
    """Zensical's command, installed beside MkDocs (requirements-test.txt); NEXUS_ZENSICAL names another."""
    return os.environ.get("NEXUS_ZENSICAL") or str(Path(sys.executable).parent / "zensical")


def _postbuild(root: Path, site_dir: Path, engine: str):
    from nexus.site import Site, finish
    site = finish(Site(site_dir, root, engine=engine))
    for note in site.notes:
        print(f"INFO    -  nexus: {note}")
    return site.reporter.problems


def _here() -> Path:
    """The repository the command runs in: the nearest folder up from here with a mkdocs.yml (a
    test's copy of the repository, or a fork), else the one the package was installed from."""
    for folder in (Path.cwd(), *Path.cwd().parents):
        if (folder / "mkdocs.yml").is_file() and (folder / "docs").is_dir():
            return folder
    return ROOT


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="nexus", description=__doc__.split("\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__.split("\n\n")[1])
    parser.add_argument("--root", type=Path, default=None, help=argparse.SUPPRESS)
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="page checks, then the strict build")
    check.add_argument("--pages", action="store_true", help="page checks only (seconds)")
    check.add_argument("--site-dir", type=Path, help="where the build writes the site (default: site/)")
    commands.add_parser("fix", help="fix what the page checks can fix")
    build = commands.add_parser("build", help="strict build")
    build.add_argument("--site-dir", type=Path)
    build.add_argument("--engine", choices=["mkdocs", "properdocs", "zensical"], default="mkdocs")
    post = commands.add_parser("postbuild", help="the step over a built site")
    post.add_argument("site", type=Path)
    post.add_argument("--engine", choices=["mkdocs", "zensical"], default="zensical")
    page = commands.add_parser("new-page", help="start a page: --section tech --title Nginx --tags nginx")
    page.add_argument("--section")
    page.add_argument("--title")
    page.add_argument("--tags")
    for name in ("offline", "preview"):
        command = commands.add_parser(name, help=f"build the {'offline zip' if name == 'offline' else 'file:// preview'}")
        command.add_argument("--out", type=Path, help="a folder for the copy instead of the repository")
    commands.add_parser("bench", help="measurements: Lighthouse, bytes, search quality and latency")
    commands.add_parser("contract", help="write the Job Board's contract (OpenAPI, GraphQL SDL, examples)")
    args = parser.parse_args(argv)
    root = (args.root or _here()).resolve()

    if args.command == "check":
        code = _pages(root)
        if args.pages or code:
            return code
        return _build(root, args.site_dir)
    if args.command == "fix":
        return _pages(root, fix=True)
    if args.command == "build":
        return _build(root, args.site_dir, args.engine)
    if args.command == "postbuild":
        problems = _postbuild(root, args.site, args.engine)
        report(problems, "Site step")
        return 1 if problems else 0
    if args.command == "new-page":
        from nexus.commands import new_page
        return new_page.main([f"--{k}={v}" for k, v in (("section", args.section), ("title", args.title),
                                                         ("tags", args.tags)) if v])
    if args.command in ("offline", "preview"):
        from nexus.commands import offline
        return offline.main((["--preview"] if args.command == "preview" else [])
                            + (["--out", str(args.out)] if args.out else []))
    if args.command == "bench":
        return subprocess.call([sys.executable, str(root / "scripts/bench.py")], cwd=root)
    if args.command == "contract":
        return subprocess.call(["bin/export-contract"], cwd=root / "examples/jobboard")
    return 2


if __name__ == "__main__":
    sys.exit(main())
