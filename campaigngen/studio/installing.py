"""Translation models and voices added from a file in the studio, as `campaigngen models
install` and `campaigngen voices install` add them from the terminal.

The upload is capped and sniffed by its first bytes, copied into a private staging folder
under a name the studio chooses, and handed to the very code the commands run
(mt/archive.py's install_model, renderers/radio/piper.py's install_voice): it checks the file
whole (a model's zip for paths that climb out, bombs and missing parts; a voice's settings
and whether it speaks at all) and moves it into place only once it is complete. A refusal is
one plain sentence, the technical line one click away.
"""

from __future__ import annotations

import re
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from campaigngen.studio.uploads import UploadRefused

# A real translation model is about 100 MB, a "high" voice about 110 MB: room, not a bomb.
MAX_INSTALL_BYTES = 512 << 20
MAX_VOICE_SETTINGS_BYTES = 2 << 20
_ZIP_MAGIC = b"PK\x03\x04"
_ONNX_MAGIC = b"\x08"  # an ONNX model starts with its ir_version field
# Piper names a voice <language>_<REGION>-<name>-<quality>; the studio keeps names to these letters.
_VOICE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$")
_LANGUAGE_PREFIX = re.compile(r"^([a-z]{2,3})_([A-Z]{2})-")


# One install at a time: Argos unpacks into a folder named by a setting of its own module, which
# install_model points at its staging folder for the time of the install.
_ONE_AT_A_TIME = threading.Lock()


class InstallRefused(UploadRefused):
    """A plain sentence for the person, and the technical line behind it (or "")."""

    def __init__(self, said: str, detail: str = ""):
        super().__init__(said)
        self.detail = detail


@dataclass(frozen=True)
class Installed:
    said: str  # what was added, in a sentence


def _copy_capped(upload: BinaryIO, target: Path, cap: int, what: str) -> int:
    """The upload written to target, at most cap bytes; InstallRefused beyond it."""
    written = 0
    with target.open("wb") as out:
        while chunk := upload.read(1 << 20):
            written += len(chunk)
            if written > cap:
                raise InstallRefused(
                    f"The {what} is larger than {cap >> 20} MB, more than any real one: choose the right file."
                )
            out.write(chunk)
    if written == 0:
        raise InstallRefused(f"The {what} is empty: choose the file again.")
    return written


def _first_bytes(upload: BinaryIO, count: int) -> bytes:
    start = upload.read(count)
    upload.seek(0)
    return start


def install_model_upload(upload: BinaryIO, directory: Path | None = None) -> Installed:
    """A translation model file (.argosmodel), checked and installed; InstallRefused says why not."""
    from campaigngen.exceptions import InputError, MissingDependency
    from campaigngen.mt.archive import install_model

    if _first_bytes(upload, 4) != _ZIP_MAGIC:
        raise InstallRefused(
            "This file is not a translation model: a model is one packed file, as downloaded for machine "
            "translation. Choose that file."
        )
    with tempfile.TemporaryDirectory(prefix="campaigngen-upload-") as staging:
        path = Path(staging) / "model.argosmodel"
        _copy_capped(upload, path, MAX_INSTALL_BYTES, "model file")
        try:
            with _ONE_AT_A_TIME:
                model = install_model(path, directory)
        except MissingDependency as exc:
            raise InstallRefused(
                "Machine translation is not set up on this computer, so models cannot be added here: "
                "whoever installed campaigngen adds its translation part.",
                str(exc),
            ) from None
        except InputError as exc:
            raise InstallRefused(
                "This file is not a translation model that can be used: it is damaged or something else "
                "packed the same way. Download the model again.",
                exc.problem,
            ) from None
    return Installed(
        f"Machine drafts from {_language(model.from_code)} into {_language(model.to_code)} can now be made."
    )


def install_voice_upload(
    model: BinaryIO, model_name: str, settings: BinaryIO, directory: Path | None = None
) -> Installed:
    """A Piper voice (its .onnx and .onnx.json), checked, heard once and installed."""
    import json

    from campaigngen.exceptions import InputError, MissingDependency
    from campaigngen.renderers.radio.piper import install_voice

    if _first_bytes(model, 1) != _ONNX_MAGIC:
        raise InstallRefused(
            "The first file is not a voice: a voice is a file ending in .onnx, with its settings file "
            "(.onnx.json) beside it. Choose those two files."
        )
    raw_settings = settings.read(MAX_VOICE_SETTINGS_BYTES + 1)
    if len(raw_settings) > MAX_VOICE_SETTINGS_BYTES:
        raise InstallRefused(
            "The settings file is larger than any voice's settings: choose the voice's .onnx.json file."
        )
    try:
        config = json.loads(raw_settings.decode("utf-8"))
        code = str(config["language"]["code"])
    except (UnicodeDecodeError, ValueError, KeyError, TypeError):
        raise InstallRefused(
            "The second file is not the voice's settings: choose the .onnx.json file that came with the voice."
        ) from None
    name = _voice_name(model_name, config)
    named = _LANGUAGE_PREFIX.match(name)
    language, _, region = code.replace("-", "_").partition("_")
    if named and (named.group(1) != language.lower() or (region and named.group(2) != region.upper())):
        raise InstallRefused(
            "The settings file belongs to another voice: its language is not the voice's. "
            "Choose the .onnx.json file that came with this voice.",
            f"voice {name}, settings for {code}",
        )
    with tempfile.TemporaryDirectory(prefix="campaigngen-upload-") as staging:
        path = Path(staging) / f"{name}.onnx"
        _copy_capped(model, path, MAX_INSTALL_BYTES, "voice file")
        path.with_name(path.name + ".json").write_bytes(raw_settings)
        try:
            with _ONE_AT_A_TIME:
                voice = install_voice(path, directory)
        except MissingDependency as exc:
            raise InstallRefused(
                "Natural voices are not set up on this computer, so voices cannot be added here: "
                "whoever installed campaigngen adds its voices part.",
                str(exc),
            ) from None
        except InputError as exc:
            raise InstallRefused(
                "This voice cannot be used: it is damaged, or the settings file is not the one that came with "
                "it. Copy both files again.",
                exc.problem,
            ) from None
    return Installed(f"The voice {voice.name} now reads {_language(voice.language)} radio spots.")


def _voice_name(uploaded: str, config: dict) -> str:
    """The uploaded file's own name when it is a plain one (Piper's names are), else one made
    from the settings: the upload never chooses a path."""
    stem = Path(uploaded.replace("\\", "/")).name.removesuffix(".onnx")
    if _VOICE_NAME.match(stem) and not stem.startswith("."):
        return stem
    code = re.sub(r"[^A-Za-z0-9_]", "", str(config.get("language", {}).get("code", ""))) or "voice"
    dataset = re.sub(r"[^A-Za-z0-9_]", "", str(config.get("dataset", ""))) or "voice"
    return f"{code}-{dataset}"


def _language(code: str) -> str:
    """A language's name for a model's or voice's code (es, en_US), else the code itself."""
    from campaigngen.sources.languages import parse_language

    try:
        return parse_language(code.replace("_", "-")).english_name
    except Exception:  # an unknown code: the name is not worth failing an install over
        return code


@dataclass(frozen=True)
class LanguageStatus:
    name: str  # the language's name
    drafts: str  # whether machine drafts can be made into it, in a few words
    drafts_ready: bool
    voice: str  # what reads its radio spots, in a few words
    voice_name: str  # the natural voice's name, when there is one


def language_status(campaigns) -> list[LanguageStatus]:
    """Every language of the project's campaigns: can it get machine drafts, what voice reads it."""
    from campaigngen.mt.models import argos_code, installed_models
    from campaigngen.renderers.radio.piper import installed_voice
    from campaigngen.renderers.radio.voices import voice_support

    pairs = {(m.from_code, m.to_code) for m in installed_models()}
    rows: dict[str, LanguageStatus] = {}
    for campaign in campaigns:
        source = campaign.source_language
        for language in (source, *campaign.languages):
            if language.pseudo or language.tag in rows:
                continue
            if language.tag == source.tag:
                drafts, ready = "written in it, not translated", True
            elif (argos_code(source.tag), argos_code(language.tag)) in pairs:
                drafts, ready = f"machine drafts from {source.english_name} can be made", True
            else:
                drafts, ready = f"no translation model from {source.english_name} yet", False
            natural = installed_voice(language.tag)
            if natural is not None:
                voice, name = "a natural voice", natural.name
            elif voice_support(language.tag).usable:
                voice, name = "the basic computer voice", ""
            else:
                voice, name = "no voice: a recording, or the station reads its spot live from the card", ""
            rows[language.tag] = LanguageStatus(language.english_name, drafts, ready, voice, name)
    return list(rows.values())
