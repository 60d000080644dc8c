#!/usr/bin/env python3
"""Compares `design-history markdown --profile markdown-it` with markdown-it-py.

Renders the seeds (/work/shared/seeds/*.txt, front matter stripped) and every post body of
/work/shared/corpora/*/app/**/*.md (front matter stripped, Nunjucks {% %} {{ }} {# #} removed)
with both, and reports how many documents agree byte for byte. Both sides use the same set-up:
markdown-it's options as the GOV.UK plugin sets them (html, breaks, typographer, no linkify), and
the extensions markdown-it-py also has (tables, strikethrough, footnote, deflist, sup, sub).

With --full-profile our side keeps all of the markdown-it profile's extensions (heading ids,
attributes, abbreviations, ins/mark, figures, …), which markdown-it-py lacks or does otherwise:
the count then shows how many documents those extensions change.

Usage: pip install markdown-it-py mdit-py-plugins
       python3 Scripts/markdown/compare-markdown-it-py.py [path/to/design-history] [--show N] [--full-profile]
"""
import difflib
import glob
import os
import re
import subprocess
import sys

from markdown_it import MarkdownIt
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.subscript import sub_plugin
from mdit_py_plugins.superscript import superscript_plugin

EXTENSIONS = "tables,strikethrough,footnote,deflist,sub,sup"


def reference():
    md = MarkdownIt("commonmark", {"html": True, "breaks": True, "typographer": True, "linkify": False, "xhtmlOut": False})
    md.enable(["table", "strikethrough", "replacements", "smartquotes"])
    md.use(footnote_plugin).use(deflist_plugin).use(sub_plugin).use(superscript_plugin)
    return md


def strip_front_matter(text):
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end != -1:
            return text[end + 5:]
    return text


def strip_nunjucks(text):
    return re.sub(r"\{%.*?%\}|\{\{.*?\}\}|\{#.*?#\}", "", text, flags=re.S)


def documents():
    for path in sorted(glob.glob("/work/shared/seeds/*.txt")):
        with open(path, encoding="utf-8") as f:
            yield path, strip_front_matter(f.read())
    for path in sorted(glob.glob("/work/shared/corpora/*/app/**/*.md", recursive=True)):
        with open(path, encoding="utf-8") as f:
            yield path, strip_nunjucks(strip_front_matter(f.read()))


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    binary = args[0] if args else ".build/debug/design-history"
    show = int(sys.argv[sys.argv.index("--show") + 1]) if "--show" in sys.argv else 0
    md = reference()
    agree = 0
    total = 0
    differing = []
    for path, text in documents():
        total += 1
        expected = md.render(text)
        command = [binary, "markdown", "--profile", "markdown-it"]
        if "--full-profile" not in sys.argv:
            command += ["--extensions", EXTENSIONS]
        ours = subprocess.run(
            command,
            input=text.encode(), capture_output=True, check=True).stdout.decode()
        if ours == expected:
            agree += 1
        else:
            differing.append((path, expected, ours))
    print(f"{agree}/{total} documents agree with markdown-it-py")
    for path, expected, ours in differing[:show] if show else []:
        print("=" * 70)
        print(path)
        diff = difflib.unified_diff(expected.splitlines(), ours.splitlines(), "markdown-it-py", "design-history", lineterm="", n=0)
        print("\n".join(list(diff)[:30]))
    if not show:
        for path, _, _ in differing:
            print("differs:", os.path.relpath(path, "/work/shared"))


if __name__ == "__main__":
    main()
