"""translate + models: real Argos packages (a tiny one built offline), drafts that stay fuzzy,
placeholders the model never sees, and model archives checked before they are unpacked."""

from __future__ import annotations

import builtins
import importlib.util
import json
import os
import shutil
import sys
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from cli_kit import cli_runner
from click.testing import CliRunner

from campaigngen.catalogs.load import localize
from campaigngen.catalogs.localized import FUZZY, TRANSLATED
from campaigngen.catalogs.machine import split_sentences, translate_protected
from campaigngen.catalogs.po import entries_by_id, read_catalog, write_catalog
from campaigngen.checks.integrity import integrity_findings
from campaigngen.cli import main
from campaigngen.sources.campaign import load_campaign
from campaigngen.sources.placeholders import find_placeholders

# find_spec, not importorskip: importing Argos here would create its folders in the real
# home before the fixtures point XDG_* at tmp.
if importlib.util.find_spec("argostranslate") is None:
    pytest.skip("the mt extra is not installed", allow_module_level=True)
from tiny_argos import PACKAGE_VERSION, build_package  # noqa: E402

CAMPAIGN = "help-is-here"
DRAFT_NOTE = f"machine draft: argos en->es (translate-en_es-tiny {PACKAGE_VERSION}); review before use"


@pytest.fixture(scope="session")
def tiny_package(tmp_path_factory) -> Path:
    """Built once per session: SentencePiece training and conversion take a couple of seconds."""
    return build_package(tmp_path_factory.mktemp("argos-build"))


@pytest.fixture
def project(project):
    """The sample campaign without its committed sample catalogs: translate starts from extract."""
    shutil.rmtree(project / "locales", ignore_errors=True)
    return project


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def es_catalog(project: Path) -> Path:
    return project / "locales" / "es" / "LC_MESSAGES" / f"{CAMPAIGN}.po"


@pytest.fixture
def extracted(project, argos_home):
    """The sample campaign extracted, with one Spanish entry already translated by a person."""
    assert run("extract", CAMPAIGN).exit_code == 0
    path = es_catalog(project)
    catalog = read_catalog(path)
    entries_by_id(catalog)["help"].string = "Puedes recibir ayuda."
    write_catalog(path, catalog)
    return path


def test_translate_end_to_end_with_a_real_model(extracted, tiny_package, argos_home, project):
    installed = run("models", "install", str(tiny_package))
    assert installed.exit_code == 0, installed.output
    assert "en->es" in installed.output and (argos_home / "translate-en_es-tiny" / "model" / "model.bin").is_file()
    assert "en->es" in run("models", "list").output

    before = extracted.read_text(encoding="utf-8")
    result = run("translate", CAMPAIGN, "--to", "es")
    assert result.exit_code == 0, result.output
    drafted = len(load_campaign(CAMPAIGN).messages) - 1  # every message but the one a person translated
    assert f"es: {drafted} machine drafts (fuzzy)" in result.output

    campaign = load_campaign(CAMPAIGN)
    entries = entries_by_id(read_catalog(extracted))
    for mid, message in campaign.messages.items():
        entry = entries[mid]
        if mid == "help":  # the person's translation is untouched
            assert entry.string == "Puedes recibir ayuda." and "fuzzy" not in entry.flags
            assert not entry.user_comments
            continue
        assert entry.string, mid
        assert "fuzzy" in entry.flags, mid
        assert DRAFT_NOTE in entry.user_comments, mid
        # Placeholders come back exactly as in the source, whatever the model wrote around them.
        assert Counter(find_placeholders(entry.string)) == Counter(message.placeholders), (mid, entry.string)
    assert f"# {DRAFT_NOTE}" in extracted.read_text(encoding="utf-8")
    # The untouched entry's lines are the same bytes as before.
    help_block = [b for b in before.split("\n\n") if 'msgctxt "help"' in b][0]
    assert help_block in extracted.read_text(encoding="utf-8")

    # Drafts are never publishable: fuzzy until a person clears them, and still checked.
    localized = localize(campaign, "es")
    assert localized.status["help"] == TRANSLATED
    assert all(localized.status[mid] == FUZZY for mid in campaign.messages if mid != "help")
    assert localized.draft
    assert not [f for f in integrity_findings(localized) if f.check in ("placeholders", "contact-injection")]
    assert localized.filled("call").endswith("1-888-373-7888")

    # A second run has nothing to do and leaves the file byte-identical.
    after = extracted.read_bytes()
    again = run("translate", CAMPAIGN, "--to", "es")
    assert again.exit_code == 0 and "nothing to translate" in again.output
    assert extracted.read_bytes() == after


def test_a_missing_pair_names_it_and_how_to_get_it_and_writes_nothing(extracted, tiny_package, project):
    assert run("models", "install", str(tiny_package)).exit_code == 0
    assert run("extract", CAMPAIGN).exit_code == 0
    es_before = extracted.read_bytes()
    result = run("translate", CAMPAIGN, "--to", "es,fr,vi")
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    # Every missing pair at once, and a way to get the files that works (argospm deletes its download).
    assert "en->fr, en->vi" in lines[0] and "campaigngen models download fr vi" in lines[0]
    assert "campaigngen models install" in lines[0]
    assert extracted.read_bytes() == es_before  # es was not drafted because fr could not be


def test_nothing_to_translate_needs_no_model_and_exits_0(project, argos_home):
    assert run("extract", CAMPAIGN).exit_code == 0
    path = es_catalog(project)
    catalog = read_catalog(path)
    for entry in entries_by_id(catalog).values():
        entry.string = entry.id  # a person translated every line (here: copied)
    write_catalog(path, catalog)
    result = run("translate", CAMPAIGN, "--to", "es")
    assert result.exit_code == 0, result.output
    assert "es: nothing to translate" in result.output


def test_models_download_offline_is_one_clear_line(tmp_path):
    result = cli_runner().invoke(main, ["models", "download", "es", "--to-dir", str(tmp_path / "usb")])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "could not download" in result.stderr and "Traceback" not in result.stderr
    assert not list((tmp_path / "usb").glob("*")) if (tmp_path / "usb").exists() else True


def test_models_download_keeps_the_checked_file_for_the_usb_stick(tmp_path, tiny_package, argos_home):
    """A package index and its file served on loopback, as the Argos index serves them."""
    import http.server
    import threading

    served = tmp_path / "served"
    served.mkdir()
    shutil.copy(tiny_package, served / "translate-en_es-tiny.argosmodel")
    handler = lambda *a, **k: http.server.SimpleHTTPRequestHandler(*a, directory=str(served), **k)  # noqa: E731
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    port = server.server_address[1]
    (served / "index.json").write_text(
        json.dumps(
            [
                {
                    "code": "translate-en_es",
                    "from_code": "en",
                    "to_code": "es",
                    "package_version": "0.0.1",
                    "links": [f"http://127.0.0.1:{port}/translate-en_es-tiny.argosmodel"],
                }
            ]
        ),
        encoding="utf-8",
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        result = run(
            "models",
            "download",
            "es",
            "--to-dir",
            str(tmp_path / "usb"),
            "--index",
            f"http://127.0.0.1:{port}/index.json",
        )
        missing = run(
            "models",
            "download",
            "xx",
            "--to-dir",
            str(tmp_path / "usb"),
            "--index",
            f"http://127.0.0.1:{port}/index.json",
        )
    finally:
        server.shutdown()
    assert result.exit_code == 0, result.output
    kept = tmp_path / "usb" / "translate-en_es-tiny.argosmodel"
    assert kept.read_bytes() == tiny_package.read_bytes()
    assert [p.name for p in (tmp_path / "usb").iterdir()] == [kept.name]  # no part file left
    assert missing.exit_code == 2 and "en->xx" in missing.output
    # ...and on the offline machine it installs like any model file.
    assert run("models", "install", str(kept)).exit_code == 0


def test_translate_needs_extract_first(project, argos_home, tiny_package):
    assert run("models", "install", str(tiny_package)).exit_code == 0
    result = run("translate", CAMPAIGN, "--to", "es")
    assert result.exit_code == 2 and "campaigngen extract help-is-here" in result.output


@pytest.mark.parametrize("blocker", ["sys.modules", "import"])
def test_without_the_extra_translate_says_how_to_install_it(extracted, monkeypatch, blocker):
    if blocker == "sys.modules":
        monkeypatch.setitem(sys.modules, "argostranslate", None)  # import raises ImportError
    else:
        real_import = builtins.__import__

        def no_argos(name, *args, **kwargs):
            if name.split(".")[0] in ("argostranslate", "ctranslate2"):
                raise ModuleNotFoundError(f"No module named '{name}'")
            return real_import(name, *args, **kwargs)

        monkeypatch.setattr(builtins, "__import__", no_argos)
    before = extracted.read_bytes()
    result = run("translate", CAMPAIGN, "--to", "es")
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        "error: machine translation needs the optional extra: pip install 'campaigngen[mt]'"
    ]
    assert extracted.read_bytes() == before


# --------------------------------------------------------------------------- protecting placeholders


def test_placeholders_never_reach_the_model_and_sentences_are_split_here():
    seen: list[str] = []

    def model(sentence: str) -> str:
        seen.append(sentence)
        return f"<{sentence}>"

    text = "Is someone forcing you to work? You can get help. Call {phone} or text {text_keyword} now."
    draft = translate_protected(text, model)
    assert seen == ["Is someone forcing you to work?", "You can get help.", "Call", "or text", "now."]
    assert (
        draft == "<Is someone forcing you to work?> <You can get help.> <Call> {phone} <or text> {text_keyword} <now.>"
    )
    assert not any("{" in s or "phone" in s for s in seen)
    assert split_sentences("A. B? C") == ["A.", " ", "B?", " ", "C"]


# --------------------------------------------------------------------------- archive attacks


def make_zip(path: Path, members: dict[str, bytes], symlinks: tuple[str, ...] = ()) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
        for name in symlinks:
            info = zipfile.ZipInfo(name)
            info.external_attr = 0o120777 << 16
            archive.writestr(info, "../../outside")
    return path


def valid_members(top: str = "translate-en_es-x") -> dict[str, bytes]:
    meta = json.dumps({"from_code": "en", "to_code": "es", "package_version": "1.0"}).encode()
    return {f"{top}/metadata.json": meta, f"{top}/model/model.bin": b"x", f"{top}/sentencepiece.model": b"x"}


@pytest.mark.parametrize(
    "case, members, symlinks, says",
    [
        ("dotdot", {**valid_members(), "translate-en_es-x/../../evil.py": b"x"}, (), "climbs out"),
        ("absolute", {**valid_members(), "/tmp/evil.py": b"x"}, (), "absolute path"),
        ("two tops", {**valid_members(), "other/metadata.json": b"{}"}, (), "exactly one top-level folder"),
        ("symlink", valid_members(), ("translate-en_es-x/model/link",), "symbolic link"),
        (
            "no metadata",
            {k: v for k, v in valid_members().items() if not k.endswith("metadata.json")},
            (),
            "metadata.json' is missing",
        ),
        ("no model", {k: v for k, v in valid_members().items() if "model.bin" not in k}, (), "model.bin' is missing"),
    ],
)
def test_hostile_or_broken_archives_are_refused_before_unpacking(tmp_path, argos_home, case, members, symlinks, says):
    archive = make_zip(tmp_path / f"{case.replace(' ', '_')}.argosmodel", members, symlinks)
    result = run("models", "install", str(archive))
    assert result.exit_code == 2, result.output
    assert len(result.output.strip().splitlines()) == 1 and says in result.output and str(archive) in result.output
    assert not argos_home.exists() or not any(argos_home.iterdir())
    assert not (tmp_path / "evil.py").exists()


def test_a_zip_bomb_and_a_non_zip_are_refused(tmp_path, argos_home):
    bomb = valid_members()
    bomb["translate-en_es-x/model/model.bin"] = b"\0" * (8 * 1024 * 1024)
    archive = tmp_path / "bomb.argosmodel"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in bomb.items():
            zf.writestr(name, data)
    result = run("models", "install", str(archive))
    assert result.exit_code == 2 and "zip bomb" in result.output
    not_zip = tmp_path / "model.argosmodel"
    not_zip.write_text("hello")
    result = run("models", "install", str(not_zip))
    assert result.exit_code == 2 and "not an .argosmodel" in result.output


@pytest.mark.slow
def test_many_members_just_under_the_ratio_add_up_to_a_bomb(tmp_path, argos_home):
    members = valid_members()
    for index in range(300):  # 300 x 1 MiB of zeros: each member alone looks harmless
        members[f"translate-en_es-x/pad/{index}.bin"] = b"\0" * (1024 * 1024)
    archive = tmp_path / "many.argosmodel"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    result = run("models", "install", str(archive))
    assert result.exit_code == 2 and "zip bomb" in result.output
    assert not any(argos_home.glob("*/pad")) if argos_home.exists() else True


def test_an_archive_with_a_bad_checksum_is_one_line(tmp_path, tiny_package, argos_home):
    data = bytearray(tiny_package.read_bytes())
    with zipfile.ZipFile(tiny_package) as zf:
        info = next(i for i in zf.infolist() if i.filename.endswith("model/model.bin"))
        start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    data[start + 10] ^= 0xFF  # a byte of the model's compressed data: its CRC no longer holds
    damaged = tmp_path / "damaged.argosmodel"
    damaged.write_bytes(bytes(data))
    result = run("models", "install", str(damaged))
    assert result.exit_code == 2 and "damaged" in result.output and "Traceback" not in result.output


def test_models_list_without_models_says_how_to_install(argos_home):
    result = run("models", "list")
    assert result.exit_code == 0 and "campaigngen models install FILE.argosmodel" in result.output
    assert str(argos_home) in result.output
    assert os.environ["ARGOS_PACKAGES_DIR"] == str(argos_home)


def test_help_and_models_list_never_import_argos():
    """`campaigngen --help` stays instant and works without the extra."""
    import subprocess

    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from campaigngen.cli import main\n"
        "for args in (['--help'], ['translate', '--help'], ['models', '--help']):\n"
        "    assert CliRunner().invoke(main, args).exit_code == 0, args\n"
        "print([m for m in ('argostranslate', 'ctranslate2', 'torch', 'spacy') if m in sys.modules])\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parent.parent,
    )
    assert out.stdout.strip() == "[]"


@pytest.mark.slow
def test_approve_shows_a_machine_back_translation_where_a_model_back_is_installed(
    tmp_path, argos_home, monkeypatch, tmp_path_factory
):
    """A reviewer reading a language less well sees what a model makes of it in English."""
    from campaign_kit import sample_campaign
    from review_kit import reviewer_signer

    package = build_package(tmp_path_factory.mktemp("argos-back"), from_code="es", to_code="en")
    monkeypatch.chdir(tmp_path)
    sample_campaign(tmp_path, languages=("es",), formats=("letter",), spots=())
    key, _ = reviewer_signer()
    args = ("approve", CAMPAIGN, "--lang", "es", "--message", "help", "--key", str(key), "--yes")
    without = run(*args)
    assert without.exit_code == 0 and "machine back" not in without.output
    assert run("models", "install", str(package)).exit_code == 0
    result = run(*args)
    assert result.exit_code == 0, result.output
    [line] = [line for line in result.output.splitlines() if "machine back" in line]
    assert "a rough check of the meaning, not a judge" in line and len(line.split("machine back")[1].strip()) > 10
