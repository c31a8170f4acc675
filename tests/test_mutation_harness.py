"""Hostile and broken input, by the hundred: seeded mutations of campaign.toml, PO catalogs,
fonts.toml and release manifests, run through every command in-process.

What must hold for every case: no traceback; exit codes as documented (0 ok, 1 a check
failed, 2 unusable input); a file that is refused is never echoed back; a build refused
as unusable leaves the previous build byte for byte as it was; and each class of bad input
the issue lists is refused or reported, never silently accepted. Cases are drawn from a
fixed seed, so CI runs the same ones every time.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import random
import re
import shutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from campaign_kit import PROJECT, add_waiver, catalog, config_path, sample_campaign, sample_config, set_value
from cli_kit import cli_runner
from publish_helpers import writable

from campaigngen.cli import main

SEED = 20261130
SECRET = "TOP-SECRET-LINE-7f3a"  # planted in files that must be refused without being echoed


def run(*args: str):
    result = cli_runner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"{args}: traceback {type(result.exception).__name__}: {result.exception}"
    )
    assert "Traceback" not in result.stdout + result.stderr, args
    return result


def tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            digest.update(path.relative_to(folder).as_posix().encode() + path.read_bytes())
    return digest.hexdigest()


# --------------------------------------------------------------------------- the mutations

REFUSED, FINDING, ANY = "refused (exit 2)", "finding (exit 1)", "any"


@dataclass(frozen=True)
class Mutation:
    name: str
    expect: str  # what check must say: REFUSED, FINDING or ANY
    apply: Callable[[Path, random.Random], None]


def _keys(config, names) -> list[tuple[Any, str]]:
    """(table, key) for every key named in names, at any depth, in the order of the file."""
    found = []

    def walk(table) -> None:
        for key, value in table.items():
            if key in names:
                found.append((table, key))
            for inner in value if isinstance(value, list) else [value]:
                if isinstance(inner, Mapping):
                    walk(inner)

    walk(config)
    return found


def _po(root: Path) -> Path:
    return catalog(root, "es")


KEYS = [
    "id",
    "name",
    "source_language",
    "languages",
    "phone",
    "url",
    "region",
    "number",
    "keyword",
    "text",
    "context",
    "max_length",
    "formats",
    "headline",
    "body",
    "action",
    "qr_caption",
    "multilingual",
    "seconds",
    "script",
    "preset",
    "default",
]


def key_typo(root, rng):
    with sample_config(root) as config:
        table, key = rng.choice(_keys(config, KEYS))
        position = rng.randrange(len(key))
        # A typo changes the key: never the letter it replaces ("max_length" with x for x).
        typo = rng.choice([c for c in "xqz_" if c != key[position]])
        table[key[:position] + typo + key[position + 1 :]] = table.pop(key)


def wrong_type(root, rng):
    names = ("max_length", "seconds", "formats", "languages", "phone", "preset", "headline", "script")
    with sample_config(root) as config:
        table, key = rng.choice(_keys(config, names))
        table[key] = rng.choice(["seven", 7, True, [1, 2], {"a": 1}, datetime.date(2026, 1, 1)])


def unknown_table(root, rng):
    with sample_config(root) as config:
        set_value(config, rng.choice(["flyers", "radio.presets", "contact.textline", "print.color"]) + ".x", 1)


def control_in_value(root, rng):
    ch = rng.choice(["\u202e", "\u0000", "\u200b", "\u001b", "\u2066", "\ufeff"])
    # Inside the value, a few characters in: "1-88|8-", "https:|//", "Is some|one", "He|lp".
    key, at = rng.choice([("contact.phone", 4), ("contact.url", 6), ("messages.headline.text", 8), ("name", 2)])
    with sample_config(root) as config:
        *tables, name = key.split(".")
        table = config
        for step in tables:
            table = table[step]
        table[name] = table[name][:at] + ch + table[name][at:]


def huge_message(root, rng):
    with sample_config(root) as config:
        config["messages"]["help"]["text"] = "You can get help. " * rng.choice([40, 20_000])


def bad_encoding(root, rng):
    text = config_path(root).read_text(encoding="utf-8").replace("Help is here", "Aide ici é")
    data = rng.choice([text.encode("utf-16"), text.encode("latin-1", "replace"), text.encode()[:-40] + b"\xff\xfe\xc3"])
    config_path(root).write_bytes(data)


def truncated(root, rng):
    data = config_path(root).read_bytes()
    config_path(root).write_bytes(data[: rng.randrange(20, len(data) - 20)])


def byte_flips(root, rng):
    data = bytearray(config_path(root).read_bytes())
    for _ in range(rng.randint(1, 4)):
        data[rng.randrange(len(data))] = rng.randrange(256)
    config_path(root).write_bytes(bytes(data))


def bad_language(root, rng):
    with sample_config(root) as config:
        config["languages"].append(rng.choice(["EN", "und", "xx-YY", "es_ES", "zh-hant", "", "en-XA"]))


def bad_readability(root, rng):
    key, value = rng.choice(
        [
            ("readability.es", 14),
            ("readability.es.max_words_per_sentence", "ten"),
            ("readability.de.max_words_per_sentence", 10),
        ]
    )
    with sample_config(root) as config:
        set_value(config, key, value)


def bad_waiver(root, rng):
    check, scope = rng.choice(
        [
            ("max-lenght", {}),
            ("max-length", {"message": 5}),
            ("max-length", {"reason": ""}),
            ("fuzzy", {}),
            ("layout-fit", {"target": "poster"}),
        ]
    )
    with sample_config(root) as config:
        add_waiver(config, check, **{"language": "es", "by": "A", "reason": "B", **scope})


def bad_contact(root, rng):
    with sample_config(root) as config:
        config["contact"]["phone"] = rng.choice(
            ["abc123xyz", "1-888-373-78888", "911", "1-888-\u202e373-7888", 18883737888]
        )


def bad_url(root, rng):
    url = rng.choice(
        [
            'https://example.org/"><script>alert(1)</script>',
            "javascript:alert(1)",
            "https://good.org@evil.example/",
            "https://localhost/help",
            "ftp://example.org",
            "https://exa mple.org",
            "https://" + "a" * 300 + ".org",
        ]
    )
    with sample_config(root) as config:
        config["contact"]["url"] = url


def missing_recording(root, rng):
    with sample_config(root) as config:
        config["radio"]["recordings"] = {"es": "gone.wav"}


def secret_recording(root, rng):
    (config_path(root).parent / "es.wav").write_text(f"{SECRET}\n" * 50, encoding="utf-8")
    with sample_config(root) as config:
        config["radio"]["recordings"] = {"es": "es.wav"}


def po_truncated(root, rng):
    data = _po(root).read_bytes()
    _po(root).write_bytes(data[: rng.randrange(200, len(data) - 10)])


def po_byte_flips(root, rng):
    data = bytearray(_po(root).read_bytes())
    for _ in range(rng.randint(1, 3)):
        data[rng.randrange(700, len(data))] = rng.choice(b'"\\\n\xff{}')
    _po(root).write_bytes(bytes(data))


def po_escape(root, rng):
    escape = rng.choice(["\\q", "\\0", "\\x35", "\\400", "\\u202e", "\\"])
    text = _po(root).read_text(encoding="utf-8").replace('msgstr "Usted puede', f'msgstr "{escape}Usted puede', 1)
    _po(root).write_text(text, encoding="utf-8")


def po_placeholder(root, rng):
    typo = rng.choice(
        ["{phon}", "{}", "{ phone }", "{0}", "{phone!r}", "{{phone}}", "{phone", "phone}", "{text_number}", "{url}"]
    )
    text = _po(root).read_text(encoding="utf-8").replace('msgstr "Llame al {phone}"', f'msgstr "Llame al {typo}"', 1)
    _po(root).write_text(text, encoding="utf-8")


def po_huge(root, rng):
    text = (
        _po(root)
        .read_text(encoding="utf-8")
        .replace('msgstr "Usted puede recibir ayuda."', 'msgstr "' + "ayuda " * rng.choice([500, 200_000]) + '"', 1)
    )
    _po(root).write_text(text, encoding="utf-8")


def po_symlink(root, rng):
    secret = root / "secret.txt"
    secret.write_text(f"{SECRET}: x:0:0\n" * 3, encoding="utf-8")
    _po(root).unlink()
    _po(root).symlink_to(secret)


def po_charset(root, rng):
    text = _po(root).read_text(encoding="utf-8").replace("charset=utf-8", f"charset={rng.choice(['KOI-99', 'ascii'])}")
    _po(root).write_bytes(text.encode("utf-8"))


def po_control(root, rng):
    ch = rng.choice(["\u202e", "\u200b", "\x07", "\u2028", "\ufeff"])
    text = _po(root).read_text(encoding="utf-8").replace('msgstr "Usted puede', f'msgstr "Usted{ch} puede', 1)
    _po(root).write_text(text, encoding="utf-8")


def fonts_broken(root, rng):
    fonts = root / "fonts"
    shutil.copytree(PROJECT / "fonts", fonts)
    kind = rng.choice(["index", "garbage", "missing", "family", "toml"])
    manifest = (fonts / "fonts.toml").read_text(encoding="utf-8")
    if kind == "index":
        manifest = manifest.replace("index = 2", 'index = "two"')
    elif kind == "garbage":
        (fonts / "NotoSans-Regular.ttf").write_bytes(SECRET.encode() * 100)
    elif kind == "missing":
        (fonts / "NotoSans-Bold.ttf").unlink()
    elif kind == "family":
        manifest = manifest.replace('Latn = ["latin"]', 'Latn = ["latn"]')
    else:
        manifest = manifest.replace("[scripts]", "[scripts")
    (fonts / "fonts.toml").write_text(manifest, encoding="utf-8")


MUTATIONS = [
    Mutation("key typo at any depth", REFUSED, key_typo),
    Mutation("wrong type", ANY, wrong_type),
    Mutation("unknown table", REFUSED, unknown_table),
    Mutation("control/bidi character in a config value", REFUSED, control_in_value),
    Mutation("huge message", REFUSED, huge_message),
    Mutation("bad encoding", REFUSED, bad_encoding),
    Mutation("truncated config", ANY, truncated),
    Mutation("byte flips in config", ANY, byte_flips),
    Mutation("bad language tag", REFUSED, bad_language),
    Mutation("bad readability table", REFUSED, bad_readability),
    Mutation("bad waiver", REFUSED, bad_waiver),
    Mutation("bad phone", REFUSED, bad_contact),
    Mutation("bad url", REFUSED, bad_url),
    Mutation("missing recording", FINDING, missing_recording),
    Mutation("a recording that is not audio", FINDING, secret_recording),
    Mutation("truncated catalog", ANY, po_truncated),
    Mutation("byte flips in catalog", ANY, po_byte_flips),
    Mutation("PO escape", ANY, po_escape),
    Mutation("placeholder typo", FINDING, po_placeholder),
    Mutation("huge translation", ANY, po_huge),
    Mutation("catalog is a link to another file", ANY, po_symlink),
    Mutation("unknown charset", ANY, po_charset),
    Mutation("control/bidi character in a translation", FINDING, po_control),
    Mutation("broken fonts.toml or font file", ANY, fonts_broken),
]
CASES = 240


def _cases() -> list:
    """Every mutation ten times, each time with its own seeded choices. A case costs a few
    hundredths of a second, so the unit tier runs them; a huge translation is laid out on
    every format (up to a second and a half), so those are in the slow tier."""
    return [
        pytest.param(n, mutation, marks=[pytest.mark.slow] if mutation.apply is po_huge else [])
        for n, mutation in ((n, MUTATIONS[n % len(MUTATIONS)]) for n in range(CASES))
    ]


# When the test reviewer approved a text, and the signature over that time.
_SIGNED_AT = re.compile(rb"^(?:at|signature) = .*$", re.M)


def sources_digest(root: Path) -> str:
    """Everything of the project a command reads but the output it made: a link by where it
    points inside the project (each case's project is in a folder of its own), an approval
    without the second it was signed in."""
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        name = path.relative_to(root).as_posix()
        if name == "output" or name.startswith("output/"):
            continue
        if path.is_symlink():
            digest.update(f"{name} -> {os.readlink(path).replace(str(root), '')}\0".encode())
        elif path.is_file():
            data = path.read_bytes()
            digest.update(
                name.encode() + b"\0" + (_SIGNED_AT.sub(b"", data) if name.endswith("approvals.toml") else data)
            )
    return digest.hexdigest()


# The cases run so far, by mutation and the digest of the project they made: the case and what
# check said. A mutation with few ways to go wrong draws the same one again from another seed
# ("missing recording" has one, "bad encoding" two: 113 of the 240 cases repeated an earlier
# one's project exactly). A repeat runs check again, which now meets that project's findings
# in the shared cache (read back from its files), and must say what it said;
# status, build and publish of that very project were run by the case it repeats. A case run
# alone runs in full.
_RUN: dict[tuple[str, str], tuple[int, int]] = {}


@pytest.fixture(scope="module")
def shared_cache(tmp_path_factory) -> Path:
    """One findings cache for the baseline's build and every case: a case meets the findings
    the baseline and the cases before it left (the unchanged language's under the same keys,
    the mutated one's under new ones), the "any cache state" check and build must be right
    from, and the unchanged language is not laid out again for each of the hundreds."""
    return tmp_path_factory.mktemp("findings-cache")


@pytest.fixture(scope="module")
def baseline(tmp_path_factory, shared_cache) -> Path:
    """A built sample (en + es, wallet card, no spots): what every case starts from."""
    root = tmp_path_factory.mktemp("baseline")
    sample_campaign(root, languages=("es",), formats=("wallet",), spots=())
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(root)
        patch.setenv("XDG_CACHE_HOME", str(shared_cache))
        assert run("build", "help-is-here").exit_code == 0
    return root


@pytest.mark.parametrize(
    "number,mutation", _cases(), ids=lambda v: v.name.replace(" ", "-") if isinstance(v, Mutation) else str(v)
)
def test_hostile_input_never_tracebacks_never_loses_output(
    baseline, shared_cache, tmp_path, monkeypatch, number, mutation
):
    monkeypatch.setenv("XDG_CACHE_HOME", str(shared_cache))
    root = tmp_path / "project"
    shutil.copytree(baseline, root, symlinks=True)
    monkeypatch.chdir(root)
    mutation.apply(root, random.Random(SEED + number))
    made = (mutation.name, sources_digest(root))

    checked = run("check", "help-is-here")
    assert checked.exit_code in (0, 1, 2)
    if mutation.expect == REFUSED:
        assert checked.exit_code == 2, f"silently accepted: {mutation.name}\n{checked.stdout}"
    elif mutation.expect == FINDING:
        assert checked.exit_code == 1, f"not reported: {mutation.name}\n{checked.stdout}{checked.stderr}"
    assert SECRET not in checked.stdout + checked.stderr, "a refused file was echoed"
    if made in _RUN:
        first, said = _RUN[made]
        assert checked.exit_code == said, f"case {first} on the same project: check said {said}"
        return
    _RUN[made] = (number, checked.exit_code)
    assert run("status", "help-is-here").exit_code in (0, 2)

    if checked.exit_code == 2 or number % 4 == 0:
        before = tree_digest(root / "output" / "help-is-here")
        built = run("build", "help-is-here")
        assert SECRET not in built.stdout + built.stderr
        if checked.exit_code == 2:
            assert built.exit_code == 2, (mutation.name, built.stderr)
            assert tree_digest(root / "output" / "help-is-here") == before, "a refused build changed the output"
        else:
            assert built.exit_code in (0, 1)
    if checked.exit_code == 0 and number % 4 == 0:
        assert run("publish", "help-is-here").exit_code == 0


# --------------------------------------------------------------------------- damaged releases


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    """The small sample published once; each test damages its own copy of the release (a
    release is a folder of files that verify reads wherever it was copied to)."""
    root = tmp_path_factory.mktemp("published")
    sample_campaign(root, languages=("es",), formats=("wallet",), spots=())
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(root)
        assert run("publish", "help-is-here", "--version", "1").exit_code == 0
    return root / "releases" / "help-is-here" / "1"


def _release(published: Path, root: Path) -> Path:
    copy = root / "releases" / "help-is-here" / "1"
    shutil.copytree(published, copy, symlinks=True)
    return copy


MANIFEST_DAMAGE = [
    lambda d: d.pop("files"),
    lambda d: d["files"].append({"sha256": "0" * 64, "bytes": 1}),
    lambda d: d["files"].append({"path": "../../etc/passwd", "sha256": "0" * 64, "bytes": 1}),
    lambda d: d["files"].append({"path": "x", "sha256": "nope", "bytes": 1}),
    lambda d: d["files"].append({"path": "x", "sha256": "0" * 64, "bytes": "1"}),
    lambda d: d["files"].append("es/flyer-wallet.pdf"),
    lambda d: d.__setitem__("files", {"a": 1}),
    lambda d: d.pop("release"),
    lambda d: d.__setitem__("release", None),
]


@pytest.mark.parametrize("damage", range(len(MANIFEST_DAMAGE)))
def test_verify_never_crashes_on_a_damaged_manifest(published, tmp_path, monkeypatch, damage):
    monkeypatch.chdir(tmp_path)
    release = writable(_release(published, tmp_path))
    manifest = release / "manifest.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    MANIFEST_DAMAGE[damage](data)
    manifest.write_text(json.dumps(data), encoding="utf-8")
    result = run("verify", str(release))
    assert result.exit_code in (1, 2) and len(result.stderr.strip().splitlines()) == 1


def test_verify_lists_links_and_never_follows_them(published, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    release = writable(_release(published, tmp_path))
    original = release / "es" / "flyer-wallet.pdf"
    outside = tmp_path / "copy.pdf"
    shutil.copy(original, outside)
    original.unlink()
    original.symlink_to(outside)  # an identical copy, but outside the release
    (release / "loop").symlink_to(release / "loop")
    (release / "dangling").symlink_to(tmp_path / "nothing-here")
    result = run("verify", str(release))
    assert result.exit_code == 1
    for name in ("es/flyer-wallet.pdf", "loop", "dangling"):
        assert f"link     {name}" in result.stdout
