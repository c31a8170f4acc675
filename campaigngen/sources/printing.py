"""[print]: how the PDFs are made for a printer: RGB or CMYK, the press's ink limit, and the
press profile with the output condition it stands for (the shop's own, or the default)."""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from campaigngen.sources.media import read_media
from campaigngen.sources.reading import Reading


@dataclass(frozen=True)
class PrintSpec:
    colour: str = "rgb"  # "cmyk": PDFs converted through the press profile, with an OutputIntent
    ink_limit: int = 300  # percent: a CMYK colour or image taking more is a print-colour warning
    profile: bytes | None = None  # the shop's CMYK output profile; None: the default one
    output_condition: str = ""  # the registered condition the profile is for ("FOGRA39"); "": custom
    rich_black: bool = False  # large near-black areas in rich black (text and codes stay black ink alone)


def read_print(table: Mapping[str, Any], folder: Path, reading: Reading) -> PrintSpec:
    profile = None
    if table["profile"] is not None:
        where = ("print", "profile")
        media = read_media(folder / table["profile"])
        problem = media.problem or press_profile_problem(media.data or b"")
        if problem:
            reading.problem(
                where,
                f"print.profile '{table['profile']}': {problem}",
                hint="give the press's CMYK output profile (an .icc file from the shop), relative to campaign.toml",
            )
        else:
            profile = media.data
    return PrintSpec(
        colour=table["colour"],
        ink_limit=table["ink_limit"],
        profile=profile,
        output_condition=table["output_condition"] or "",
        rich_black=table["rich_black"],
    )


def press_profile_problem(data: bytes) -> str | None:
    """Why these bytes are not an ICC profile a press's CMYK can be made with, or None."""
    from PIL import ImageCms

    try:
        profile = ImageCms.ImageCmsProfile(io.BytesIO(data)).profile
    except (OSError, ImageCms.PyCMSError, ValueError):
        return "not an ICC profile"
    space = profile.xcolor_space.strip()
    if space != "CMYK":
        return f"a profile for {space} colour, not a press's CMYK"
    if profile.device_class.strip() != "prtr":
        return f"a {profile.device_class.strip()} profile, not an output (printer) profile"
    return None
