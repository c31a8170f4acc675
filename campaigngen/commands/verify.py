"""campaigngen verify RELEASE_DIR [--key FILE.pub] [--keyring FILE]"""

from __future__ import annotations

from pathlib import Path

import click


@click.command("verify")
@click.argument("release_dir", metavar="RELEASE_DIR", type=click.Path(path_type=Path))
@click.option(
    "--key",
    "public_keys",
    multiple=True,
    type=click.Path(path_type=Path, dir_okay=False),
    metavar="FILE.pub",
    help="The publisher's public key: the release must be signed by it (repeat for several).",
)
@click.option(
    "--keyring",
    "keyrings",
    multiple=True,
    type=click.Path(path_type=Path, dir_okay=False),
    metavar="FILE",
    help="Trusted keys (OpenSSH allowed_signers format). Default: your own, "
    "$XDG_CONFIG_HOME/campaigngen/trusted-keys, when it exists.",
)
def command(release_dir: Path, public_keys: tuple[Path, ...], keyrings: tuple[Path, ...]) -> None:
    """Check a release: every file against its manifest, the signature it carries, who signed it,
    and, in a release store, that it was not withdrawn and latest is right.

    RELEASE_DIR is a release (e.g. releases/CAMPAIGN/latest) or a campaign's folder in the store
    (releases/CAMPAIGN: every release in it). Exit 0 when it can be used, 1 when a file is missing,
    changed, extra or a link, the signature does not hold, the key is not one you trust, the
    release was withdrawn or latest is wrong, 2 when it is not a release.
    """
    from campaigngen.exceptions import ChecksFailed
    from campaigngen.release.keyring import trust_sources
    from campaigngen.release.verify import is_campaign_store

    trust = trust_sources(public_keys, keyrings)
    if is_campaign_store(release_dir):
        _verify_store(release_dir, trust)
        return
    from campaigngen.release.verify import verify_release

    result = verify_release(release_dir, trust)
    for line in _describe(result):
        click.echo(line)
    if not result.ok:
        raise ChecksFailed(f"release {result.version} {_verdict(result)}", code=_code(result))


def _describe(result) -> list[str]:
    from campaigngen.release.verify import CONFIRMED, HOLDS, UNSIGNED

    lines = []
    for label, paths in (
        ("missing", result.missing),
        ("changed", result.changed),
        ("extra", result.extra),
        ("link", result.links),
        ("shared", result.shared),
    ):
        lines += [f"{label:<8} {rel}" for rel in paths]
    if result.files_match:
        lines.append(f"files:     release {result.version}, {result.checked} files match manifest.json")
    else:
        lines.append(
            f"files:     release {result.version} does not match its manifest: {len(result.missing)} missing, "
            f"{len(result.changed)} changed, {len(result.extra)} extra, {len(result.links)} link(s)"
            + (f", {len(result.shared)} sharing data with a file outside the release" if result.shared else "")
        )
    signature = result.signature
    if signature.state == HOLDS:
        lines.append(f"signature: holds for the key the manifest names, {signature.key.fingerprint}")
    elif signature.state == UNSIGNED:
        lines.append("signature: none (the release is unsigned)")
    else:
        lines.append(f"signature: BROKEN - {signature.problem}")
    lines.append(f"publisher: {result.publisher.text}")
    store = result.store
    if store is not None:
        if store.withdrawn_at:
            lines.append(f"WITHDRAWN: on {store.withdrawn_at}: {store.withdrawn_reason} - do not use it")
        lines += [f"store:     {problem}" for problem in store.problems]
        if result.is_latest:
            lines.append("latest:    yes, the last snapshot published")
        elif store.expected_latest:
            lines.append(f"latest:    no, {store.expected_latest} is")
    if result.ok and result.publisher.state != CONFIRMED:
        lines.append("ok:        the files are what this manifest lists; who made it is NOT confirmed")
    elif result.ok:
        lines.append("ok")
    return lines


def _code(result) -> str:
    """The code of the gravest thing wrong, in the order a partner must act on it."""
    from campaigngen.release.verify import BROKEN, REFUSED

    if not result.files_match:
        return "release.changed"
    if result.signature.state == BROKEN or (result.store and result.store.record_problem):
        return "release.signature-invalid"
    if result.publisher.state == REFUSED:
        return "release.untrusted-key"
    if result.withdrawn:
        return "release.withdrawn"
    return "release.latest-moved"


def _verdict(result) -> str:
    from campaigngen.release.verify import BROKEN, REFUSED

    reasons = []
    if not result.files_match:
        reasons.append("does not match its manifest")
    if result.signature.state == BROKEN:
        reasons.append("carries a signature that does not hold")
    elif result.publisher.state == REFUSED:
        reasons.append("is not signed by a key you trust")
    if result.withdrawn:
        reasons.append("was withdrawn")
    if result.store and result.store.record_problem:
        reasons.append("has a withdrawal record that does not hold")
    if result.store and result.store.latest_problem:
        reasons.append(
            f"sits in a store whose latest names {result.store.latest or 'nothing'}, not {result.store.expected_latest}"
        )
    return "cannot be used: it " + ", and ".join(reasons)


def _verify_store(folder: Path, trust) -> None:
    from campaigngen.exceptions import ChecksFailed, NotARelease
    from campaigngen.release.verify import CONFIRMED, REFUSED, verify_store

    failed = 0
    problems: set[str] = set()
    try:
        results = verify_store(folder, trust)
    except NotARelease as exc:
        raise ChecksFailed(f"{folder}: {exc.format_message()}") from None
    for result in results:
        if not result.intact or result.publisher.state == REFUSED or (result.store and result.store.record_problem):
            failed += 1
            state = "FAIL"
            detail = _verdict(result)
        elif result.withdrawn and result.store is not None:
            state = "WITHDRAWN"
            detail = f"on {result.store.withdrawn_at}: {result.store.withdrawn_reason}"
        else:
            state = "ok"
            detail = "latest" if result.is_latest else ""
        click.echo(f"{state:<9} {result.version:<24} {detail}".rstrip())
        if result.store and result.store.latest_problem:
            problems.add(result.store.latest_problem)
    for problem in sorted(problems):
        click.echo(f"store:    {problem}")
    if results and results[0].publisher.state != CONFIRMED:
        click.echo(f"publisher: {results[0].publisher.text}")
    if failed or problems:
        raise ChecksFailed(
            f"{failed} of {len(results)} release(s) cannot be used; {len(problems)} store problem(s)",
            code=next((_code(r) for r in results if not r.ok), "release.latest-moved"),
        )
    click.echo(f"ok: {len(results)} release(s) in {folder}")
