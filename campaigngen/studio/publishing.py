"""Check and publish from the studio: the gate's report, a publish with its progress, releases.

A publish runs `release.publish.publish` in a process of its own (started fresh, not
forked): its render workers are forked from a process with no web server threads in it (a
fork taken while another thread held a library lock would hang), the studio stays
responsive while it runs, and its progress lines come back through a queue.
"""

from __future__ import annotations

import json
import multiprocessing
import queue as queue_module
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from campaigngen.release.manifest import MANIFEST_NAME

_CONTEXT = multiprocessing.get_context("spawn")


def _publish_in_child(campaign_folder: str, out_root: str, lines, key: tuple[bytes, str] | None = None) -> None:
    """The child's whole life: one publish, reported as plain data. key: the signed-in
    coordinator's unlocked private key (raw) and signing name, handed over the pipe to this
    child only, to sign the release with."""
    from campaigngen.catalogs.snapshot import take_snapshot
    from campaigngen.exceptions import GateRefused, UserFacingError
    from campaigngen.release.publish import publish
    from campaigngen.release.store import store_for_output
    from campaigngen.sources.campaign import load_campaign

    try:
        started = time.time_ns()
        campaign = load_campaign(Path(campaign_folder))
        snapshot = take_snapshot(campaign, read_at_ns=started)
        lines.put(("line", f"checked {len(snapshot.editions)} language(s); rendering"))
        result = publish(
            snapshot,
            Path(out_root),
            progress=lambda line: lines.put(("line", line)),
            store=store_for_output(Path(out_root), campaign.id),
            signer=_signer(key) if key is not None else None,
        )
        lines.put(
            (
                "done",
                {
                    "version": result.version,
                    "seconds": round(result.seconds, 1),
                    "files": len(result.manifest["files"]),
                },
            )
        )
    except GateRefused as refused:
        lines.put(
            (
                "refused",
                {
                    "text": refused.format_message(),
                    "plain": refused.plain,
                    "findings": [f.to_json() for f in refused.report.blocking],
                },
            )
        )
    except UserFacingError as exc:
        lines.put(("error", {"text": exc.format_message(), "plain": exc.plain, "code": exc.code}))
    except Exception as exc:  # the page must say the publish ended, whatever ended it
        lines.put(("error", {"text": f"{exc.__class__.__name__}: {exc}"}))


def _signer(key: tuple[bytes, str]):
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from campaigngen.release.signing import PublicKey, Signer

    private = Ed25519PrivateKey.from_private_bytes(key[0])
    public = private.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return Signer(private, PublicKey(public), key[1])


def _handed_over(signer) -> tuple[bytes, str] | None:
    """A signer as the child receives it (cryptography's key objects do not pickle)."""
    if signer is None:
        return None
    from cryptography.hazmat.primitives import serialization

    raw = signer.key.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    return raw, signer.name


@dataclass
class PublishJob:
    campaign_id: str
    process: Any
    lines: Any
    started: float = field(default_factory=time.monotonic)
    progress: list[str] = field(default_factory=list)
    outcome: str | None = None  # "done", "refused", "error"
    result: dict[str, Any] = field(default_factory=dict)

    @property
    def running(self) -> bool:
        return self.outcome is None

    @property
    def seconds(self) -> float:
        return time.monotonic() - self.started

    def poll(self) -> None:
        """Take what the child said; notice a child that died without saying."""
        while True:
            try:
                kind, data = self.lines.get_nowait()
            except queue_module.Empty:
                break
            if kind == "line":
                self.progress.append(str(data))
            else:
                self.outcome, self.result = kind, data
        if self.outcome is None and not self.process.is_alive():
            self.process.join(1)
            try:
                kind, data = self.lines.get(timeout=0.5)  # a last word racing the exit
                self.outcome, self.result = (kind, data) if kind != "line" else ("error", {"text": str(data)})
            except queue_module.Empty:
                self.outcome = "error"
                self.result = {
                    "text": f"the publish stopped (exit code {self.process.exitcode}) - nothing was "
                    f"published; try again"
                }


class Publisher:
    """At most one publish per campaign at a time (publish takes the campaign's lock too)."""

    def __init__(self) -> None:
        self._jobs: dict[str, PublishJob] = {}
        self._lock = threading.Lock()

    def start(self, campaign_id: str, campaign_folder: Path, out_root: Path, signer=None) -> PublishJob:
        """signer: the signed-in coordinator's key (None: a key file `keys new` made, if any)."""
        with self._lock:
            job = self._jobs.get(campaign_id)
            if job is not None:
                job.poll()
                if job.running:
                    return job
            lines = _CONTEXT.Queue()
            process = _CONTEXT.Process(
                target=_publish_in_child,
                args=(str(campaign_folder), str(out_root), lines, _handed_over(signer)),
                name=f"campaigngen-publish-{campaign_id}",
            )
            process.start()
            job = self._jobs[campaign_id] = PublishJob(campaign_id, process, lines)
            return job

    def job(self, campaign_id: str) -> PublishJob | None:
        job = self._jobs.get(campaign_id)
        if job is not None:
            job.poll()
        return job

    def stop_all(self) -> None:
        """The studio is closing: a publish still running is ended (its half-made release is a
        hidden folder the next publish removes)."""
        for job in self._jobs.values():
            if job.process.is_alive():
                job.process.terminate()
                job.process.join(5)


@dataclass(frozen=True)
class Release:
    version: str
    folder: Path
    published_at: str
    bundles: tuple[dict[str, Any], ...]
    languages: tuple[str, ...]
    signed: bool


def _store(out_root: Path, campaign_id: str):
    """The campaign's releases: the project's store, as the publishes started here use it."""
    from campaigngen.release.store import CampaignStore, store_for_output

    return CampaignStore(store_for_output(out_root, campaign_id), campaign_id)


def releases(out_root: Path, campaign_id: str) -> list[Release]:
    """Published releases, newest first, each read from its manifest."""
    store = _store(out_root, campaign_id)
    folder = store.folder
    found = []
    for version in store.versions():
        try:
            data = json.loads((folder / version / MANIFEST_NAME).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        found.append(
            Release(
                version,
                folder / version,
                str(data.get("release", {}).get("published_at", "")),
                tuple(data.get("bundles", [])),
                tuple(str(lang.get("language", "")) for lang in data.get("languages", []) if isinstance(lang, dict)),
                "signature" in data,
            )
        )
    return sorted(found, key=lambda r: r.published_at, reverse=True)


def release_folder(out_root: Path, campaign_id: str, version: str) -> Path | None:
    """The real folder of a release ('latest' followed to the version it names)."""
    store = _store(out_root, campaign_id)
    if version == "latest":
        named = store.latest_version()
        if named is None:
            return None
        version = Path(named).name
    candidate = store.release(version)
    return candidate if candidate.is_dir() and not candidate.is_symlink() else None
