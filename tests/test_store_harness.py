"""The release store under random use: 100 sequences of build, publish, a publish of a stale
snapshot, a publish killed by SIGKILL at a random moment, edit, withdraw, prune and verify,
on a tiny campaign (Spanish only, one flyer format, no spot). After every step every release
still verifies (files, signature, publisher), none was lost, and latest names the newest
snapshot still standing (after a kill it may lag until the next store operation, and then
verify says so).

The operations are the real ones, in this process, with the fast fake renderer; a kill is a
fork of this process publishing, SIGKILLed at a random moment (or, one in five, exactly
between the rename that makes its release appear and the switch of latest). Two costs are taken out, neither changing what is
written: fsync (a SIGKILL loses no written data; fsync is for power cuts, which this cannot
simulate) and compiling the review page's template again for every release (kept compiled).

Why 100 sequences (about 500 steps; 200 were run before, for twice the CPU): the seeds are
fixed, so what they draw is known. 100 draw every operation, every operation right after
every other (70 of the 72 orders, all but stale twice in a row and verify twice in a row,
which are a stale after a publish and a read twice), every operation while latest lags
after a kill, and each kill point: before writing, mid-write, and some 14 at the switch of
latest (one kill in five, floor 10 below). The test asserts the operations; the floors the
kills.
"""

from __future__ import annotations

import os
import random
import signal
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from campaign_kit import approve_written
from cli_kit import cli_runner
from publish_helpers import FAST_CAMPAIGN, install_fake_renderer, make_project

pytestmark = pytest.mark.slow

SEQUENCES = int(os.environ.get("STORE_HARNESS_SEQUENCES", "100"))
STEPS = (3, 7)  # steps per sequence, after the first publish
WEIGHTS = {
    "edit": 4,
    "publish": 4,
    "kill": 3,
    "stale": 1,
    "build": 2,
    "withdraw": 2,
    "prune": 2,
    "verify": 1,
}
WORDS = ("hoy", "pronto", "aqui", "siempre", "ahora", "bien", "seguro", "gratis", "cerca", "juntos")
TINY = FAST_CAMPAIGN.split("[[spots]]")[0]  # one flyer format, no spot
PUBLISH_S = [0.1]  # how long a publish takes here, learnt as the sequences run: kills land inside one


@dataclass
class Model:
    """What the store must hold: every release that came into being, by version."""

    snapshots: dict[str, int] = field(default_factory=dict)  # version -> snapshot_ns
    withdrawn: set[str] = field(default_factory=set)
    latest_may_lag: bool = False  # a killed publish renamed its release in but did not switch latest
    previous_latest: str | None = None

    def expected_latest(self) -> str | None:
        standing = [(ns, v) for v, ns in self.snapshots.items() if v not in self.withdrawn]
        return max(standing)[1] if standing else None


class Harness:
    def __init__(self, root: Path, seed: int):
        from campaigngen.release.keyring import Keyring, entry
        from campaigngen.release.signing import default_key_path, signer_of
        from campaigngen.release.store import CampaignStore
        from campaigngen.sources.campaign import load_campaign

        self.root, self.rng = root, random.Random(seed)
        self.campaign = load_campaign(root / "content" / "demo")
        self.store = CampaignStore(root / "stores" / f"s{seed}", "demo")
        self.out = root / "output"
        self.model = Model()
        self.signer = signer_of(default_key_path())
        self.trust = Keyring((entry(self.signer.public, "publisher", "publisher"),), "the test's keys")
        self.log: list[str] = []

    # ------------------------------------------------------------------ operations

    def snapshot(self):
        from campaigngen.catalogs.snapshot import take_snapshot

        return take_snapshot(self.campaign, [self.campaign.language("es")])

    def edit(self) -> None:
        po = self.root / "locales" / "es" / "LC_MESSAGES" / "demo.po"
        text = po.read_text(encoding="utf-8")
        start = text.index('msgstr "Puedes recibir ayuda')
        end = text.index("\n", start)
        words = " ".join(self.rng.sample(WORDS, 2))
        po.write_text(f'{text[:start]}msgstr "Puedes recibir ayuda {words}."{text[end:]}', encoding="utf-8")
        approve_written(self.root / "content" / "demo")  # a reviewer approves the edit

    def publish(self) -> None:
        from campaigngen.release.publish import publish

        started = time.monotonic()
        result = publish(self.snapshot(), self.out, store=self.store.root)
        PUBLISH_S[0] = 0.8 * PUBLISH_S[0] + 0.2 * (time.monotonic() - started)
        self._published(result.version)

    def _published(self, version: str) -> None:
        from campaigngen.release.store import read_release

        info = read_release(self.store.release(version))
        assert info is not None, version
        self.model.snapshots[version] = info.snapshot_ns
        self.model.latest_may_lag = False

    def stale(self) -> None:
        """A publish whose snapshot was read before an edit that a newer publish released."""
        from campaigngen.exceptions import PublishSuperseded
        from campaigngen.release.publish import publish

        older = self.snapshot()
        self.edit()
        self.publish()
        with pytest.raises(PublishSuperseded):
            publish(older, self.out, store=self.store.root)

    def kill(self) -> None:
        from campaigngen.release.publish import publish

        before = set(self.store.versions())
        self.model.previous_latest = self.store.latest_version()
        snapshot = self.snapshot()
        # Most kills land at a random moment; one in five exactly between the rename that makes the
        # release appear and the switch of latest, the narrowest window (a random kill rarely hits it).
        at_the_switch = self.rng.random() < 0.2
        pid = os.fork()
        if pid == 0:  # the child: one publish, then out, whatever happens
            try:
                if at_the_switch:
                    import campaigngen.release.publish as publish_module

                    publish_module.point_latest = lambda *a: os.kill(os.getpid(), signal.SIGKILL)
                publish(snapshot, self.out, store=self.store.root)
            finally:
                os._exit(0)
        if not at_the_switch:
            time.sleep(self.rng.uniform(0.0, PUBLISH_S[0]))  # anywhere in a publish, most often mid-write
            os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        appeared = set(self.store.versions()) - before
        for version in appeared:  # renamed into place before the kill
            self._published(version)
            self.model.latest_may_lag = True
        if os.WIFEXITED(status):
            self.kills.append("too late: the publish had finished")
        elif appeared:
            self.kills.append("after the rename")
        elif any(p.name.startswith(".partial-") for p in self.store.folder.iterdir()):
            self.kills.append("mid-write")
        else:
            self.kills.append("before writing")

    def build(self) -> None:
        from campaigngen.release.build import build

        build(self.snapshot(), self.out)

    def withdraw(self) -> None:
        from campaigngen.release.withdraw import withdraw

        standing = sorted(v for v in self.model.snapshots if v not in self.model.withdrawn)
        if not standing:
            return
        version = self.rng.choice(standing)
        withdraw(self.store, version, f"harness step {len(self.log)}", self.signer)
        self.model.withdrawn.add(version)
        self.model.latest_may_lag = False

    def prune(self) -> None:
        from campaigngen.release.prune import prune

        keep = self.rng.randint(1, 3)
        protected = {self.model.expected_latest(), self.store.latest_version()}  # latest, even one lagging
        result = prune(self.store, keep)
        standing = sorted((ns, v) for v, ns in self.model.snapshots.items() if v not in self.model.withdrawn)
        expected_removed = {v for _, v in standing[:-keep] if v not in protected}
        assert set(result.removed) == expected_removed, (result, self.model)
        for version in result.removed:
            del self.model.snapshots[version]
        self.model.latest_may_lag = False

    def verify(self) -> None:
        from campaigngen.cli import main

        if self.store.latest_version() is None:
            return
        result = cli_runner().invoke(main, ["verify", str(self.store.latest)])
        consistent = self.store.latest_version() == self.model.expected_latest()
        assert result.exit_code == (0 if consistent else 1), result.output + result.stderr

    # ------------------------------------------------------------------ the invariants

    def check(self) -> None:
        from campaigngen.release.verify import CONFIRMED, verify_release

        versions = set(self.store.versions())
        assert versions == set(self.model.snapshots), ("lost or unexpected releases", versions, self.model)
        expected = self.model.expected_latest()
        latest = self.store.latest_version()
        for version in versions:
            result = verify_release(self.store.release(version), self.trust)
            assert result.intact, (version, result)
            assert result.publisher.state == CONFIRMED, (version, result.publisher)
            assert result.withdrawn == (version in self.model.withdrawn), version
        if self.model.latest_may_lag and latest != expected:
            assert latest == self.model.previous_latest, (latest, expected, self.model)
            # Never silently wrong: verify says so, of latest, or, where latest names nothing (the
            # killed publish made the only standing release), of the release that appeared.
            shown = self.store.latest if latest is not None else self.store.release(expected)
            result = verify_release(shown, self.trust)
            assert result.store is not None and any("latest names" in p for p in result.store.problems)
        else:
            assert latest == expected, (latest, expected, self.log, self.model)

    def run(self) -> None:
        self.kills: list[str] = []
        self.publish()
        self.check()
        for _ in range(self.rng.randint(*STEPS)):
            operation = self.rng.choices(list(WEIGHTS), weights=list(WEIGHTS.values()))[0]
            self.log.append(operation)
            getattr(self, operation)()
            self.check()


def test_random_sequences_never_lose_or_change_a_release_and_latest_is_right(tmp_path, monkeypatch):
    import campaigngen.atomic as atomic
    import campaigngen.release.outfolder as outfolder
    import campaigngen.release.publish as publish
    import campaigngen.release.store as store
    from campaigngen.release.signing import default_key_path, new_key

    make_project(tmp_path, TINY)
    monkeypatch.chdir(tmp_path)
    install_fake_renderer(monkeypatch.setattr)
    for module in (atomic, outfolder, publish, store):
        for name in ("fsync_path", "fsync_tree"):
            if hasattr(module, name):
                monkeypatch.setattr(module, name, lambda *a, **k: None)
    new_key(default_key_path())
    started = time.monotonic()
    operations: dict[str, int] = {}
    kills: dict[str, int] = {}
    releases = 0
    for seed in range(SEQUENCES):
        harness = Harness(tmp_path, seed)
        try:
            harness.run()
        except BaseException:
            print(f"\nsequence {seed}: {harness.log}")
            raise
        for name in harness.log:
            operations[name] = operations.get(name, 0) + 1
        for outcome in harness.kills:
            kills[outcome] = kills.get(outcome, 0) + 1
        releases += len(harness.model.snapshots)
    seconds = time.monotonic() - started
    print(
        f"\nstore harness: {SEQUENCES} sequences, {sum(operations.values())} steps {operations}, "
        f"kills {kills}, {releases} releases standing at the ends, {seconds:.1f} s"
    )
    assert set(operations) == set(WEIGHTS)  # the seeds draw every operation
    assert kills.get("mid-write", 0) >= SEQUENCES // 10  # the kills really landed mid-publish
    assert kills.get("after the rename", 0) >= SEQUENCES // 10
