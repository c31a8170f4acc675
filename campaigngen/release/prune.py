"""Pruning a campaign's releases: old ones go, latest and withdrawn ones stay.

A release is kept when it is among the newest N still standing (by snapshot order), when
latest names it, or when it carries a withdrawal record (kept for the record, valid or
not: a record nobody can check is no reason to destroy evidence). A folder whose manifest
cannot be read is left alone: prune removes only what it knows is a release.
"""

from __future__ import annotations

from dataclasses import dataclass

from campaigngen.release.locking import campaign_lock
from campaigngen.release.store import (
    CampaignStore,
    clean_leftovers,
    discard,
    expected_latest,
    record_path,
    releases_of,
    repair_latest,
)


@dataclass(frozen=True)
class Pruned:
    removed: tuple[str, ...]
    kept: tuple[tuple[str, str], ...]  # (version, why)


def prune(store: CampaignStore, keep: int, wait_s: float = 0.0, dry_run: bool = False) -> Pruned:
    if keep < 1:
        raise ValueError("keep at least one release")
    with campaign_lock(store.lock, store.campaign_id, wait_s, doing="publish, withdraw or prune"):
        clean_leftovers(store)
        releases = releases_of(store)
        known = {info.folder.name for info in releases}
        latest = {store.latest_version(), expected_latest(store, releases)}
        withdrawn = {info.folder.name for info in releases if record_path(store, info.folder.name).exists()}
        standing = [info.folder.name for info in releases if info.folder.name not in withdrawn]
        newest = set(standing[-keep:])
        kept: list[tuple[str, str]] = []
        removed: list[str] = []
        for info in reversed(releases):
            version = info.folder.name
            if version in latest:
                kept.append((version, "latest"))
            elif version in withdrawn:
                kept.append((version, "withdrawn"))
            elif version in newest:
                kept.append((version, f"among the newest {keep}"))
            else:
                removed.append(version)
        kept += [(v, "no readable manifest: left alone") for v in store.versions() if v not in known]
        if not dry_run:
            repair_latest(store)
            for version in removed:
                discard(store, version)
        return Pruned(tuple(removed), tuple(kept))
