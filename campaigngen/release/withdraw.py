"""Withdrawing a release: a signed record beside it, the release kept for the record.

``withdrawals/<version>.json`` names the release by version and by the SHA-256 of its
manifest, says when and why, and is signed (``.json.sig``, SSHSIG, namespace
``campaigngen-withdrawal``) by the key that signed the release: only its publisher can
withdraw it. ``latest`` moves back to the newest release still standing; verify reports a
withdrawn release (exit 1) with its reason.
"""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from typing import Any

from campaigngen.atomic import write_bytes_atomic
from campaigngen.exceptions import InputError
from campaigngen.release.locking import campaign_lock
from campaigngen.release.signing import WITHDRAWAL_NAMESPACE, Signer, describe
from campaigngen.release.store import (
    CampaignStore,
    Withdrawal,
    check_withdrawal,
    clean_leftovers,
    expected_latest,
    manifest_sha256,
    point_latest,
    read_release,
    record_path,
    releases_of,
    signature_path,
)

MAX_REASON = 500


def check_reason(reason: str) -> str:
    reason = " ".join(reason.split())
    if not reason:
        raise InputError(None, "--reason is empty - say why the release is withdrawn (it is kept with the record)")
    if len(reason) > MAX_REASON or any(unicodedata.category(c) in ("Cc", "Cf", "Co", "Cn") for c in reason):
        raise InputError(
            None, f"--reason must be plain text of at most {MAX_REASON} characters (no control or invisible characters)"
        )
    return reason


def withdraw(
    store: CampaignStore,
    version: str,
    reason: str,
    signer: Signer | None,
    wait_s: float = 0.0,
    now: dt.datetime | None = None,
) -> tuple[Withdrawal, str | None]:
    """Withdraw a release; returns the record and the version latest names now (None: none left)."""
    reason = check_reason(reason)
    with campaign_lock(store.lock, store.campaign_id, wait_s, doing="publish, withdraw or prune"):
        clean_leftovers(store)
        info = read_release(store.release(version)) if version in store.versions() else None
        if info is None:
            raise InputError(
                store.folder, f"no release '{version}' here", hint="list them with: ls " + str(store.folder)
            )
        existing, _problem = check_withdrawal(store, info)
        if existing is not None:
            raise InputError(
                existing.path, f"release {version} was already withdrawn on {existing.withdrawn_at}: {existing.reason}"
            )
        if info.key is not None and (signer is None or signer.public != info.key):
            raise InputError(
                None,
                f"release {version} was signed by key {info.key.fingerprint}: only that key can withdraw it",
                hint="pass it with --key FILE" if signer is None else f"--key is {signer.public.fingerprint}",
            )
        moment = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)
        data: dict[str, Any] = {
            "campaign": store.campaign_id,
            "version": version,
            "manifest_sha256": manifest_sha256(info),
            "reason": reason,
            "withdrawn_at": moment.isoformat().replace("+00:00", "Z"),
        }
        if signer is not None:
            data["signature"] = {"signer": signer.name, "namespace": WITHDRAWAL_NAMESPACE, **describe(signer.public)}
        blob = (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
        path = record_path(store, version)
        # The signature first: a record is what withdraws, so a kill between the two leaves
        # a stray signature (ignored), never an unsigned record.
        if signer is not None:
            write_bytes_atomic(signature_path(path), signer.sign(blob, WITHDRAWAL_NAMESPACE))
            signature_path(path).chmod(0o444)
        write_bytes_atomic(path, blob)
        path.chmod(0o444)
        latest = expected_latest(store, releases_of(store))
        point_latest(store, latest)
        return Withdrawal(version, reason, data["withdrawn_at"], data["manifest_sha256"], path), latest
