"""Shared by the publish, verify, review and metadata tests: a small campaign, its Spanish
catalog (with a translator credit in the header, as Poedit writes it), and a fast fake
renderer for the crash-safety and locking tests.

Run as a script it is a ``campaigngen`` whose renderer is the fake one, so a test can
SIGKILL a real publishing process:  python tests/publish_helpers.py publish demo ...
"""

from __future__ import annotations

import contextlib
import os
import re
import struct
import sys
import time
import wave
from collections.abc import Callable
from functools import partial
from pathlib import Path

from campaign_kit import approve_written, write_config

TRANSLATOR = "Jane Roe"
TRANSLATOR_EMAIL = "jane@example.org"

FAST_CAMPAIGN = """\
id = "demo"
name = "Help is here (test)"
source_language = "en"
languages = ["es"]

[contact]
phone = "1-888-373-7888"
url = "https://humantraffickinghotline.org"

[messages.headline]
text = "Is someone forcing you to work?"
max_length = 60

[messages.help]
text = "You can get help."
max_length = 50

[messages.call]
text = "Call {phone}"
max_length = 40

[flyer]
formats = ["letter"]
headline = "headline"
body = ["help"]
action = ["call"]

[[spots]]
id = "30s"
seconds = 30
script = ["headline", "help", "call"]

[traffic]
contact = "Test traffic desk, +1 555 0100"
"""

SPANISH = {
    "headline": "¿Alguien te obliga a trabajar?",
    "help": "Puedes recibir ayuda.",
    "call": "Llama al {phone}",
}
SOURCE = {"headline": "Is someone forcing you to work?", "help": "You can get help.", "call": "Call {phone}"}


def _po_quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_po(
    root: Path,
    tag: str,
    translations: dict[str, str],
    *,
    campaign_id: str = "demo",
    fuzzy: tuple[str, ...] = (),
    sources: dict[str, str] = SOURCE,
) -> Path:
    """A catalog as a translator's tool leaves it: credit comment and Last-Translator included."""
    path = root / "locales" / tag.replace("-", "_") / "LC_MESSAGES" / f"{campaign_id}.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [
        f"# {tag} translation of {campaign_id}.",
        f"# {TRANSLATOR} <{TRANSLATOR_EMAIL}>, 2026.",
        "#",
        'msgid ""',
        'msgstr ""',
        f'"Project-Id-Version: {campaign_id} 0.1.0\\n"',
        f'"Last-Translator: {TRANSLATOR} <{TRANSLATOR_EMAIL}>\\n"',
        f'"Language-Team: {tag} <{TRANSLATOR_EMAIL}>\\n"',
        f'"Language: {tag.replace("-", "_")}\\n"',
        '"MIME-Version: 1.0\\n"',
        '"Content-Type: text/plain; charset=utf-8\\n"',
        '"Content-Transfer-Encoding: 8bit\\n"',
        "",
    ]
    for message_id, source in sources.items():
        if message_id in fuzzy:
            lines.append("#, fuzzy")
        lines += [
            f"msgctxt {_po_quote(message_id)}",
            f"msgid {_po_quote(source)}",
            f"msgstr {_po_quote(translations.get(message_id, ''))}",
            "",
        ]
    path.write_text("\n".join(lines), encoding="utf-8")
    if (root / "content" / campaign_id / "campaign.toml").is_file():
        approve_written(root / "content" / campaign_id)
    return path


def make_project(root: Path, campaign: str = FAST_CAMPAIGN, spanish: dict[str, str] | None = None) -> Path:
    """content/demo/campaign.toml and locales/es/.../demo.po under root; returns root."""
    write_config(root / "content" / "demo", campaign)
    write_po(root, "es", SPANISH if spanish is None else spanish)
    return root


# --------------------------------------------------------------------------- real output

WAIVED_SPANISH = {**SPANISH, "help": "Puedes recibir ayuda de personas que están aquí para ti."}  # > 50 chars
WAIVER = """
[[waivers]]
check = "max-length"
language = "es"
message = "help"
by = "Outreach lead"
reason = "The flyer layout was checked by hand: the longer line fits."
date = 2026-11-20
"""

_RELEASES: dict[str, Path] = {}


def real_release(tmp_path_factory) -> Path:
    """One real publish (real renderers) of en + es with a recorded waiver, shared by the
    gate, metadata and review tests because rendering takes seconds."""
    if "waived" not in _RELEASES:
        from campaigngen.catalogs.snapshot import take_snapshot
        from campaigngen.release.publish import publish
        from campaigngen.sources.campaign import load_campaign

        root = tmp_path_factory.mktemp("real-release")
        make_project(root, FAST_CAMPAIGN + WAIVER, WAIVED_SPANISH)
        result = publish(take_snapshot(load_campaign(root / "content" / "demo")), root / "output", "1")
        _RELEASES["waived"] = result.folder
    return _RELEASES["waived"]


def expanded_blobs(path: Path) -> list[tuple[str, bytes]]:
    """A file's bytes plus whatever hides compressed inside it: zip members, PDF streams,
    PNG text chunks. A leak must not survive in any of them."""
    import zipfile
    import zlib

    data = path.read_bytes()
    blobs = [(path.name, data)]
    if path.suffix == ".zip":
        with zipfile.ZipFile(path) as archive:
            blobs += [(f"{path.name}:{name}", archive.read(name)) for name in archive.namelist()]
    elif path.suffix == ".pdf":
        for index, match in enumerate(re.finditer(rb"stream\r?\n(.*?)endstream", data, flags=re.S)):
            try:
                blobs.append((f"{path.name}:stream{index}", zlib.decompress(match.group(1))))
            except zlib.error:
                pass  # not Flate (JPEG/DCT image data): raw bytes are already scanned
    elif path.suffix == ".png":
        from PIL import Image

        with Image.open(path) as image:
            text = " ".join(
                f"{k}={v}"
                for k, v in {**image.info, **getattr(image, "text", {})}.items()
                if isinstance(v, (str, bytes))
            )
        blobs.append((f"{path.name}:text", text.encode("utf-8", "replace")))
    return blobs


def writable(release: Path) -> Path:
    """A release is written read-only; an attacker (or a careless script) makes it writable
    first. Tests that damage a release do the same, so they also run as a user who is not root."""
    for folder, _dirs, names in os.walk(release):
        os.chmod(folder, 0o755)
        for name in names:
            if not os.path.islink(os.path.join(folder, name)):
                os.chmod(os.path.join(folder, name), 0o644)
    return release


def change_with_its_hash(release: Path, rel: str) -> None:
    """What an attacker who can write the folder does: change a file and its manifest entry
    together, so the hashes agree (only the signature can tell)."""
    import hashlib
    import json

    target = writable(release) / rel
    target.write_bytes(target.read_bytes() + b"\0")
    manifest_path = release / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    for entry in manifest["files"]:
        if entry["path"] == rel:
            entry["sha256"] = hashlib.sha256(target.read_bytes()).hexdigest()
            entry["bytes"] = target.stat().st_size
    manifest_path.write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


# --------------------------------------------------------------------------- headless Chromium

CHROMIUM = Path("/usr/bin/chromium")
# Headless, quiet: nothing fetched from the network behind the test's back.
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)


@contextlib.contextmanager
def chromium_browser(*args: str):
    """Debian's headless Chromium through Playwright, started once for the tests that share it
    (a module: each launch cost ~1 s CPU); each test opens its own context (browser_page), so
    no cookie, storage or cache passes from one test to the next. args: beyond CHROMIUM_ARGS."""
    import pytest  # here, not at the top: each publish the kill tests spawn runs this file without it

    sync_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright (driver only)")
    if not CHROMIUM.exists():
        pytest.skip("Debian chromium is not installed (make setup installs it)")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=[*CHROMIUM_ARGS, *args]
        )
        try:
            yield launched
        finally:
            launched.close()


@contextlib.contextmanager
def browser_page(browser, allow: str = "file://", downloads: bool = False):
    """A fresh context of a shared browser (its own cookies, storage and cache: another
    person's browser) that may load URLs starting with `allow` only (file:// by default; a
    local server's address for the studio); yields (page, requests_elsewhere, dialogs) so a
    test can assert nothing else was asked for."""
    context = browser.new_context(viewport={"width": 1360, "height": 900}, accept_downloads=downloads)
    try:
        yield guarded_page(context, allow)
    finally:
        context.close()


def guarded_page(context, allow: str):
    """A new page of a Playwright context that may load URLs starting with `allow` only:
    (page, requests_elsewhere, dialogs), the last two filled as the page asks and is asked."""
    elsewhere: list[str] = []
    dialogs: list[str] = []

    def guard(route):
        if route.request.url.startswith(allow):
            route.continue_()
        else:
            elsewhere.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    return page, elsewhere, dialogs


# --------------------------------------------------------------------------- the fake renderer


def _tiny_wav(path: Path, seconds: float = 0.5) -> None:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(8000)
        out.writeframes(b"".join(struct.pack("<h", (i * 37) % 2000 - 1000) for i in range(int(8000 * seconds))))


def _tiny_png(path: Path, label: str) -> None:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (170, 220), "white")
    ImageDraw.Draw(image).text((10, 10), label, fill="black")
    image.save(path)


def fake_facts(kind: str, draft: bool = False):
    """Facts of the right class for a stand-in file: what a renderer would report, made up."""
    from campaigngen.renderers.facts import AirFacts, FlyerFacts, PrintFile, ScriptSheetFacts, SpotFacts

    if kind in ("flyer", "flyer-image"):
        pdf = PrintFile(True, ("/F1:NotoSans-Regular.ttf#0",), {}, "rgb", ("x.png",)) if kind == "flyer" else None
        return FlyerFacts(
            qr="https://example.org",
            draft=draft,
            page_size_pt=(612.0, 792.0),
            pixels=(170, 220),
            dpi=300,
            min_type_pt=16.0,
            number_pt=61.5,
            qr_box=None,
            bleed_in=0.0,
            direction="ltr",
            qr_px=None,
            pdf=pdf,
        )
    if kind == "script-sheet":
        return ScriptSheetFacts(words=10, booked_s=30, spot_code="X-1", draft=draft)
    return SpotFacts(
        duration_s=0.5,
        frames=24000,
        loudness_lufs=-23.0,
        true_peak_dbtp=-4.5,
        max_short_term_lufs=-22.0,
        loudness_range_lu=1.0,
        air=AirFacts(0.1, 0.1, 0.0, 0.3),
        sample_rate=48000,
        bit_depth=16,
        channels=1,
        channel_layout="mono",
        preset="ebu-r128",
        engine="espeak",
        voice="es",
        pace=1.0,
        pause_stretch=1.0,
        voice_s=0.3,
        voice_end_s=0.4,
        filled_with=(),
        music_bed=None,
        words=10,
        spot_code="X-1",
        advertiser="Sample",
        draft=draft,
    )


def fake_plan_jobs(snapshot):
    """Same shape as release.build.plan_jobs; every job writes small real files, slowly enough
    (FAKE_JOB_DELAY seconds per job) that a kill can land in the middle of rendering."""
    from campaigngen.release.build import Job
    from campaigngen.renderers.artifacts import Artifact

    delay = float(os.environ.get("FAKE_JOB_DELAY", "0"))

    def flyer(folder: Path, tag: str, fmt: str) -> list:
        folder.mkdir(parents=True, exist_ok=True)
        pdf, png = folder / f"{fmt}.pdf", folder / f"{fmt}.png"
        pdf.write_bytes(b"%PDF-1.4\n% fake flyer " + tag.encode() + b"\n" + os.urandom(20000) + b"\n%%EOF\n")
        time.sleep(delay)
        _tiny_png(png, f"{tag} {fmt}")
        return [
            Artifact(pdf, "flyer", tag, fmt, fake_facts("flyer")),
            Artifact(png, "flyer-image", tag, fmt, fake_facts("flyer-image")),
        ]

    def spot(folder: Path, tag: str, spot_id: str) -> list:
        folder.mkdir(parents=True, exist_ok=True)
        wav, mp3, sheet = folder / f"spot-{spot_id}.wav", folder / f"spot-{spot_id}.mp3", folder / f"spot-{spot_id}.txt"
        _tiny_wav(wav)
        time.sleep(delay)
        mp3.write_bytes(b"ID3" + os.urandom(4000))
        sheet.write_text(f"script {tag}\n", encoding="utf-8")
        facts = fake_facts("audio")
        return [
            Artifact(wav, "audio", tag, spot_id, facts),
            Artifact(mp3, "audio", tag, spot_id, facts),
            Artifact(sheet, "script-sheet", tag, spot_id, fake_facts("script-sheet")),
        ]

    jobs = []
    campaign = snapshot.campaign
    for loc in snapshot.editions:
        for fmt in campaign.flyer.formats:
            jobs.append(
                Job(f"{loc.tag} flyer {fmt}", lambda d, _s, t=loc.tag, f=fmt: flyer(d / t, t, f), loc.tag, "flyer", fmt)
            )
        for s in campaign.spots:
            jobs.append(
                Job(
                    f"{loc.tag} spot {s.id}", lambda d, _s, t=loc.tag, i=s.id: spot(d / t, t, i), loc.tag, "audio", s.id
                )
            )
    return jobs, []


def install_fake_renderer(patch) -> None:
    """patch(target, name, value): monkeypatch.setattr, or setattr when run as a script."""
    import campaigngen.release.build as build
    import campaigngen.release.gate as gate
    import campaigngen.release.publish as publish

    patch(build, "plan_jobs", fake_plan_jobs)
    patch(publish, "_preflight", lambda: None)
    # The gate's dry runs (page layout, spot speech) stand for the real renderers faked here.
    patch(gate, "layout_fit", lambda loc: [])
    patch(gate, "radio_findings", lambda loc: [])


def _kill_self_before(module, name: str) -> None:
    """Die by SIGKILL right before module.name runs: a kill exactly inside a critical window."""
    import signal

    def dying(*args, **kwargs):
        os.kill(os.getpid(), signal.SIGKILL)

    setattr(module, name, dying)


def run_as_helper(argv: list[str]) -> None:
    """``campaigngen argv`` with the fake renderer, saying RENDER-START (and GATE-WAITING) on
    stdout and killing itself where FAKE_KILL_AT says: what this file does run as a script."""
    install_fake_renderer(setattr)
    import campaigngen.release.publish as publish_module

    real_render_all = publish_module.render_all

    def announced_render_all(*args, **kwargs):
        # The gate has passed and the lock is held: tell the test the dangerous part begins.
        print("RENDER-START", flush=True)
        holds_until = os.environ.get("FAKE_RENDER_WAITS_FOR", "")
        if holds_until:  # keep the lock until the test has seen what another publish does
            deadline = time.monotonic() + 120
            while not Path(holds_until).exists() and time.monotonic() < deadline:
                time.sleep(0.02)
        return real_render_all(*args, **kwargs)

    publish_module.render_all = announced_render_all
    gate_waits_for = os.environ.get("FAKE_GATE_WAITS_FOR", "")
    if gate_waits_for:
        # A gate that takes its time (a cold cache, a slow disk): this publish read its files
        # first, but reaches the lock after a publish that started later. It says when it has
        # read them and waits for the test's word, not for a time a loaded machine may overrun.
        real_gate = publish_module.gate

        def slow_gate(*args, **kwargs):
            print("GATE-WAITING", flush=True)
            deadline = time.monotonic() + 120
            while not Path(gate_waits_for).exists() and time.monotonic() < deadline:
                time.sleep(0.02)
            return real_gate(*args, **kwargs)

        publish_module.gate = slow_gate
    kill_at = os.environ.get("FAKE_KILL_AT", "")
    if kill_at:
        # manifest: everything rendered, nothing renamed; rename: about to appear;
        # latest: the release is in place, the symlink not yet switched.
        target = {
            "manifest": (publish_module, "write_manifest"),
            "rename": (publish_module, "fsync_tree"),
            "latest": (publish_module, "point_latest"),
        }[kill_at]
        _kill_self_before(*target)
    from campaigngen.cli import main

    main(argv, prog_name="campaigngen")


class ForkedHelper:
    """work() (this file run as a helper: run_as_helper, or a test's own build) in a child
    forked from the test process instead of a fresh interpreter: the same fake renderer,
    announcements and kills, without importing campaigngen again (~1 s of CPU a child; the
    kill and lock tests start dozens). Its exit code is work's SystemExit code (0 if it
    returns). The part of subprocess.Popen the tests use: stdout read line by line as the
    child writes it (text; to os.devnull with quiet), stderr read once it has ended, wait,
    poll, communicate, send_signal."""

    def __init__(self, work: Callable[[], object], cwd: Path, env: dict[str, str], quiet: bool = False):
        import tempfile

        read_end, write_end = os.pipe()
        if quiet:  # nobody reads what it prints: a full pipe must not stop it
            os.close(write_end)
            write_end = os.open(os.devnull, os.O_WRONLY)
        self._errors = tempfile.TemporaryFile()
        self.returncode: int | None = None
        self.pid = os.fork()
        if self.pid == 0:  # the child: never returns into pytest
            code = 70
            try:
                os.close(read_end)
                os.dup2(write_end, 1)
                os.dup2(self._errors.fileno(), 2)
                sys.stdout = open(1, "w", encoding="utf-8", buffering=1, closefd=False)  # noqa: SIM115
                sys.stderr = open(2, "w", encoding="utf-8", buffering=1, closefd=False)  # noqa: SIM115
                os.chdir(cwd)
                os.environ.clear()
                os.environ.update(env)
                work()
                code = 0
            except SystemExit as exit_:
                code = exit_.code if isinstance(exit_.code, int) else 1
            except BaseException:  # noqa: BLE001 (the child reports through its exit code and stderr)
                import traceback

                traceback.print_exc()
            finally:
                with contextlib.suppress(Exception):
                    sys.stdout.flush()
                    sys.stderr.flush()
                os._exit(code)
        os.close(write_end)
        self.stdout = open(read_end, encoding="utf-8")  # noqa: SIM115 (closed when the object goes)
        self.stderr = _AfterTheEnd(self._errors)

    def poll(self) -> int | None:
        if self.returncode is None:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        import subprocess

        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                raise subprocess.TimeoutExpired(f"forked helper {self.pid}", timeout or 0)
            time.sleep(0.005)
        assert self.returncode is not None
        return self.returncode

    def communicate(self, timeout: float | None = None) -> tuple[str, str]:
        out = self.stdout.read()
        self.wait(timeout)
        return out, self.stderr.read()

    def send_signal(self, signal_number: int) -> None:
        if self.poll() is None:
            os.kill(self.pid, signal_number)


class _AfterTheEnd:
    """A forked helper's stderr: a file it wrote, read from the start."""

    def __init__(self, file):
        self._file = file

    def read(self) -> str:
        self._file.seek(0)
        return self._file.read().decode("utf-8", errors="replace")


def forked_publish(argv: list[str], cwd: Path, env: dict[str, str]) -> ForkedHelper:
    """``python publish_helpers.py argv``, forked: see ForkedHelper."""
    return ForkedHelper(partial(run_as_helper, argv), cwd, env)


if __name__ == "__main__":
    run_as_helper(sys.argv[1:])
