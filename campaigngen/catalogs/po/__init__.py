"""Gettext catalogs on disk: where they live, how they are read, checked and written.

Translators edit these files in Poedit or Weblate, so the format conventions are theirs:
msgctxt carries our message id, ``#.`` comments carry context and limits, and flags use
Weblate's spelling (``max-length:N``, ``python-brace-format``).

    paths.py     where a campaign's template and catalogs live
    template.py  the .pot a campaign's messages make
    decoding.py  bytes to text as msgfmt reads them: the declared charset, string escapes
    entries.py   the file split into entries, each kept as written; every bad line named
    reader.py    entries into Babel's Catalog
    writer.py    atomic writes that keep every unchanged entry's text
    merge.py     a language's catalog brought up to the template, by message id

The names below are the package's public face: import them from here.
"""

from campaigngen.catalogs.po.decoding import decode_catalog, decode_po_string
from campaigngen.catalogs.po.entries import PoEntry, check_syntax, parse_entries
from campaigngen.catalogs.po.merge import entries_by_id, merge_template, new_catalog
from campaigngen.catalogs.po.paths import LOCALES_DIR, catalog_path, locales_dir, project_root, template_path
from campaigngen.catalogs.po.reader import catalog_from_bytes, read_catalog
from campaigngen.catalogs.po.template import HEADER_COMMENT, build_template
from campaigngen.catalogs.po.writer import file_sha256, render_catalog, write_catalog

__all__ = [
    "HEADER_COMMENT",
    "LOCALES_DIR",
    "PoEntry",
    "build_template",
    "catalog_from_bytes",
    "catalog_path",
    "check_syntax",
    "decode_catalog",
    "decode_po_string",
    "entries_by_id",
    "file_sha256",
    "locales_dir",
    "merge_template",
    "new_catalog",
    "parse_entries",
    "project_root",
    "read_catalog",
    "render_catalog",
    "template_path",
    "write_catalog",
]
