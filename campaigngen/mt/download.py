"""On a connected machine: fetch models from the Argos package index and keep the files.

The one place machine translation touches the network, and only when a person runs
`campaigngen models download`: the files are carried to the offline machine (a USB stick)
and installed there with `campaigngen models install` (archive.py). Every request has a
timeout and fails with one line.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from campaigngen.exceptions import InputError, NetworkUnavailable
from campaigngen.mt.archive import check_archive
from campaigngen.mt.models import argos_code

# The Argos package index argospm reads: a JSON list of packages, each with download links.
INDEX_URL = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/index.json"
DOWNLOAD_TIMEOUT_S = 30.0


@dataclass(frozen=True)
class Downloaded:
    pair: str
    path: Path


def download_models(
    to_codes: list[str], from_code: str, target: Path, index_url: str = INDEX_URL, timeout_s: float = DOWNLOAD_TIMEOUT_S
) -> list[Downloaded]:
    """Fetch .argosmodel files from the package index into target and keep them there, for a
    USB stick to an offline machine (argospm deletes the file once it has installed it).

    Every file is checked like `models install` checks it before it gets its final name."""
    import requests

    def fetch(url: str):
        try:
            response = requests.get(url, timeout=timeout_s, stream=True)
            response.raise_for_status()
            return response
        except requests.RequestException as exc:
            kind = "timed out" if isinstance(exc, requests.Timeout) else "failed"
            raise NetworkUnavailable(
                f"could not download {url}: request {kind} (timeout {timeout_s:g} s) - "
                f"run this on a machine with internet, or fetch the file by hand"
            ) from None

    try:
        index = fetch(index_url).json()
    except ValueError:
        raise NetworkUnavailable(f"{index_url} did not return the package index (not JSON)") from None
    packages = (
        {(p.get("from_code"), p.get("to_code")): p for p in index if isinstance(p, dict)}
        if isinstance(index, list)
        else {}
    )
    wanted = [(from_code, argos_code(code)) for code in to_codes]
    missing = [f"{a}->{b}" for a, b in wanted if (a, b) not in packages or not packages[(a, b)].get("links")]
    if missing:
        raise InputError(
            None,
            f"the package index has no model for {', '.join(missing)}",
            hint="check the language codes (argospm search lists the pairs)",
        )
    target.mkdir(parents=True, exist_ok=True)
    done = []
    for pair in wanted:
        package = packages[pair]
        url = package["links"][0]
        name = Path(url.split("?")[0]).name or f"translate-{pair[0]}_{pair[1]}.argosmodel"
        final = target / name
        handle, tmp_name = tempfile.mkstemp(prefix=f".{name}.", suffix=".part", dir=target)
        try:
            with os.fdopen(handle, "wb") as out:
                response = fetch(url)
                try:
                    for block in response.iter_content(1 << 20):
                        out.write(block)
                except requests.RequestException:
                    raise NetworkUnavailable(f"the download of {url} broke off - try again") from None
            check_archive(Path(tmp_name))
            os.replace(tmp_name, final)
        finally:
            Path(tmp_name).unlink(missing_ok=True)
        done.append(Downloaded(f"{pair[0]}->{pair[1]}", final))
    return done
