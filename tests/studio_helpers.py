"""Shared by the studio tests: a project, a client that speaks to the studio as a browser on
this computer does (session cookie, CSRF token from the page), and the ways to read a page."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

BASE = "http://127.0.0.1:8765"
CAMPAIGN = "help-is-here"


def studio_client(root: Path, token: str | None = None, base_url: str = BASE):
    pytest.importorskip("starlette", reason="the studio extra is not installed (pip install -e '.[studio]')")
    from starlette.testclient import TestClient

    from campaigngen.studio.app import create_app

    return TestClient(create_app(root, token=token), base_url=base_url, follow_redirects=False)


def csrf_of(page_html: str) -> str:
    return re.search(r'"X-CSRF-Token": "([0-9a-f]{64})"', html.unescape(page_html)).group(1)


def catalog_hash_of(page_html: str) -> str:
    return re.search(r'id="catalog-hash" name="sha256" value="([0-9a-f]*)"', page_html).group(1)


def config_hash_of(page_html: str) -> str:
    return re.search(r'name="sha256" value="([0-9a-f]{64})"', page_html).group(1)


def text_of(page_html: str) -> str:
    """What a person reads: tags dropped, entities decoded, white space collapsed."""
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page_html))).strip()


def form_fields(page_html: str, action: str) -> dict[str, object]:
    """The fields of the form posting to action, as the browser would send them unchanged:
    text inputs and textareas by value, ticked checkboxes, selected options."""
    start = page_html.index(f'action="{action}"')
    body = page_html[start : page_html.index("</form>", start)]
    fields: dict[str, object] = {}

    def add(name: str, value: str) -> None:
        if name in fields:
            existing = fields[name]
            fields[name] = [*existing, value] if isinstance(existing, list) else [existing, value]
        else:
            fields[name] = value

    for tag in re.finditer(r"<input\b([^>]*)>", body):
        attrs = dict(re.findall(r'([\w.\-]+)="([^"]*)"', tag.group(1)))
        flags = re.findall(r"\s(checked)\b", tag.group(1))
        kind = attrs.get("type", "text")
        if "name" not in attrs or kind == "file":
            continue
        if kind == "checkbox":
            if flags:
                add(attrs["name"], html.unescape(attrs.get("value", "on")))
        else:
            add(attrs["name"], html.unescape(attrs.get("value", "")))
    for tag in re.finditer(r'<textarea\b[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', body, re.S):
        add(tag.group(1), html.unescape(tag.group(2)))
    for tag in re.finditer(r'<select\b[^>]*name="([^"]+)"[^>]*>(.*?)</select>', body, re.S):
        chosen = re.search(r'<option value="([^"]*)"[^>]*selected', tag.group(2)) or re.search(
            r'<option value="([^"]*)"', tag.group(2)
        )
        add(tag.group(1), html.unescape(chosen.group(1)))
    return fields
