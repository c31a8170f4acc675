"""Adding a translation model or a voice in the studio, as a coordinator without a terminal
does: the file chosen in the browser, checked by the same code as `campaigngen models
install` and `campaigngen voices install`, and the language's line on the Languages page
saying what it can now get. Files that are not what they claim each get one plain sentence,
and nothing is installed."""

from __future__ import annotations

import importlib.util
import io
import json
import zipfile

import pytest
from campaign_kit import sample_campaign
from studio_helpers import csrf_of, studio_client, text_of

pytest.importorskip("starlette", reason="the studio extra is not installed (pip install -e '.[studio]')")


@pytest.fixture
def root(tmp_path):
    sample_campaign(tmp_path, languages=("es",), formats=("letter",), spots=())
    return tmp_path


def _row(page_html: str, language: str) -> str:
    import re

    found = re.search(rf"<tr><td>{language}</td>(.*?)</tr>", page_html, re.S)
    assert found, page_html
    return text_of(found.group(1))


def _refusal(page_html: str) -> tuple[str, str]:
    """What the person reads of a refusal, and what its Details hold."""
    import re

    found = re.search(r'id="refused"><p>(.*?)</p>(.*?)</div>', page_html, re.S)
    assert found, page_html
    return text_of(found.group(1)), text_of(found.group(2))


def _post(client, path: str, files: dict):
    page = client.get("/languages").text
    return client.post(path, data={"csrf_token": csrf_of(page)}, files=files)


def _needs_argos():
    if importlib.util.find_spec("argostranslate") is None:
        pytest.skip("the mt extra is not installed")


@pytest.fixture(scope="module")
def tiny_package(tmp_path_factory):
    _needs_argos()
    from tiny_argos import build_package

    return build_package(tmp_path_factory.mktemp("argos-build"))


def test_a_coordinator_adds_a_translation_model_and_the_language_can_get_drafts(root, argos_home, tiny_package):
    from campaigngen.mt.models import installed_models

    with studio_client(root) as client:
        before = client.get("/languages")
        assert "no translation model from English yet" in _row(before.text, "Spanish")
        assert 'action="/install/model"' in before.text
        added = _post(client, "/install/model", {"file": ("whatever I called it.zip", tiny_package.read_bytes())})
        assert added.status_code == 200, added.text
        assert "Machine drafts from English into Spanish can now be made" in text_of(added.text)
        assert "machine drafts from English can be made" in _row(added.text, "Spanish")
    assert [m.pair for m in installed_models()] == ["en->es"]
    assert [p.name for p in argos_home.iterdir()] == ["translate-en_es-tiny"]  # nothing half-made beside it


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "case, data, says, detail",
    [
        ("a picture", b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "This file is not a translation model:", None),
        (
            "a zip of something else",
            _zip({"holiday/photo.jpg": b"x" * 100}),
            "This file is not a translation model that can be used",
            "is missing",
        ),
        (
            "a zip climbing out",
            _zip({"translate-en_es-x/metadata.json": b"{}", "translate-en_es-x/../../evil.py": b"x"}),
            "This file is not a translation model that can be used",
            "climbs out",
        ),
        ("too large", _zip({"big/model.bin": bytes(range(256)) * 5000}), "The model file is larger than 1 MB", None),
    ],
    ids=lambda value: value if isinstance(value, str) and len(value) < 30 else "",
)
def test_a_file_that_is_not_a_model_gets_one_plain_sentence_and_nothing_is_installed(
    root, argos_home, monkeypatch, case, data, says, detail
):
    _needs_argos()
    from campaigngen.studio import installing

    monkeypatch.setattr(installing, "MAX_INSTALL_BYTES", 1 << 20)
    with studio_client(root) as client:
        refused = _post(client, "/install/model", {"file": ("model.argosmodel", data)})
    assert refused.status_code == 422
    said, details = _refusal(refused.text)
    assert said.startswith(says) and "Traceback" not in refused.text
    if detail:
        assert detail in details
    assert not argos_home.exists() or [p for p in argos_home.iterdir() if not p.name.startswith(".")] == []
    assert "no translation model from English yet" in _row(refused.text, "Spanish")


def _joe():
    from test_piper import joe_voice

    return joe_voice()


def test_a_coordinator_adds_a_voice_and_english_spots_use_it(root):
    from campaigngen.renderers.radio.piper import installed_voices

    model = _joe()
    config = model.with_name(model.name + ".json")
    with studio_client(root) as client:
        assert "the basic computer voice" in _row(client.get("/languages").text, "English")
        added = _post(
            client,
            "/install/voice",
            {"voice": (model.name, model.read_bytes()), "settings": ("settings.json", config.read_bytes())},
        )
        assert added.status_code == 200, added.text
        assert "The voice en_US-joe-medium now reads English radio spots" in text_of(added.text)
        assert "a natural voice en_US-joe-medium" in _row(added.text, "English")
        assert "the basic computer voice" in _row(added.text, "Spanish")
    assert [v.name for v in installed_voices()] == ["en_US-joe-medium"]


def _settings(**changes) -> bytes:
    """A voice's settings as Piper writes them, with changes."""
    config = {
        "audio": {"sample_rate": 22050, "quality": "medium"},
        "espeak": {"voice": "en-us"},
        "language": {"code": "en_US"},
        "inference": {"noise_scale": 0.667, "length_scale": 1, "noise_w": 0.8},
        "num_symbols": 4,
        "num_speakers": 1,
        "phoneme_id_map": {"_": [0], "^": [1], "$": [2], "a": [3]},
        **changes,
    }
    return json.dumps(config).encode()


@pytest.mark.parametrize(
    "case, voice, settings, says",
    [
        ("a picture", b"\x89PNG" + b"\0" * 64, _settings(), "The first file is not a voice"),
        ("settings that are not JSON", b"\x08" + b"\0" * 64, b"<html>", "The second file is not the voice's settings"),
        (
            "settings of a Spanish voice",
            b"\x08" + b"\0" * 64,
            _settings(language={"code": "es_ES"}),
            "The settings file belongs to another voice",
        ),
        # A model-shaped file the settings do not fit: it is loaded and asked to speak, and cannot.
        ("settings that do not fit it", b"\x08\x07" + b"\0" * (2 << 20), _settings(), "This voice cannot be used"),
    ],
    ids=lambda value: value if isinstance(value, str) and len(value) < 30 else "",
)
def test_a_voice_that_is_not_one_gets_one_plain_sentence_and_nothing_is_installed(root, case, voice, settings, says):
    if case == "settings that do not fit it" and importlib.util.find_spec("piper") is None:
        pytest.skip("the voices extra is not installed")
    from campaigngen.renderers.radio.piper import installed_voices

    with studio_client(root) as client:
        refused = _post(
            client,
            "/install/voice",
            {"voice": ("en_US-joe-medium.onnx", voice), "settings": ("en_US-joe-medium.onnx.json", settings)},
        )
    assert refused.status_code == 422, refused.text
    said, _ = _refusal(refused.text)
    assert said.startswith(says), said
    assert installed_voices() == []


def test_only_a_coordinator_adds_models_and_voices(root, monkeypatch):
    from test_studio_signin import setup_coordinator, sign_in

    from campaigngen.studio import accounts

    monkeypatch.setattr(accounts, "SCRYPT_N", 1 << 12)
    with studio_client(root) as client:
        setup_coordinator(client, "maria")
        people = client.get("/people").text
        client.post(
            "/people",
            data={
                "name": "tom",
                "role": "translator",
                "password": "correct horse battery",
                "csrf_token": csrf_of(people),
            },
        )
        client.post("/signout", data={"csrf_token": csrf_of(client.get("/people").text)})
        sign_in(client, "tom")
        page = client.get("/languages")
        assert 'action="/install/model"' not in page.text and "A coordinator adds" in text_of(page.text)
        refused = client.post("/install/model", data={"csrf_token": csrf_of(page.text)}, files={"file": ("m", b"PK")})
        assert refused.status_code == 403
