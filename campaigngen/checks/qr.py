"""QR codes read back from printed output: the address a phone would open, decoded by zxing-cpp.

A page's code is checked against a reference: the code the QR library makes for the address
(error correction H: restroom stickers get dirty; a 4-module quiet zone), drawn at the page's
pixels per module and decoded by zxing once per address and size; the page's code must match
it module for module, which also catches a damaged module that error correction would hide.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from campaigngen.exceptions import InputError, MissingDependency


def decode_qr_image(image, box: Sequence[int] | None = None) -> list[str]:
    """Texts of every QR code in a Pillow image, in zxing's order; with box (left, top, right,
    bottom: where the page put its code), only that part, with a margin, is searched, which
    is ~10x faster on a 300-dpi page and reads the code the same."""
    try:
        import zxingcpp
    except ImportError:
        raise MissingDependency("zxing-cpp is not installed - pip install zxing-cpp") from None
    if box is not None:
        left, top, right, bottom = box
        margin = max(8, (right - left) // 8)
        image = image.crop(
            (
                max(0, left - margin),
                max(0, top - margin),
                min(image.width, right + margin),
                min(image.height, bottom + margin),
            )
        )
    results = zxingcpp.read_barcodes(image.convert("L"), formats=zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode))
    return [result.text for result in results]


def decode_qr(image_path: Path, box: Sequence[int] | None = None) -> list[str]:
    """Texts of every QR code found in an image file (PNG, JPEG...), in zxing's order (a page
    just written is read as its writer kept it: checks/written.py)."""
    from PIL import Image, UnidentifiedImageError

    from campaigngen.checks.written import page_grey

    try:
        return decode_qr_image(Image.fromarray(page_grey(image_path)), box)
    except (FileNotFoundError, UnidentifiedImageError) as exc:
        raise InputError(
            image_path,
            f"cannot read the image to decode its QR code ({exc.__class__.__name__})",
            hint="render the flyer again",
        ) from None


QUIET_ZONE_MODULES = 4


@lru_cache(maxsize=64)
def qr_modules(text: str):
    """Boolean module grid, quiet zone included (True = dark); read-only, as it is shared: the
    code depends on the text alone, and choosing its mask costs ~30 ms each time."""
    import numpy as np
    import qrcode

    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_H, border=QUIET_ZONE_MODULES, box_size=1)
    code.add_data(text)
    code.make(fit=True)
    modules = np.array(code.get_matrix(), dtype=bool)
    modules.flags.writeable = False
    return modules


@dataclass(frozen=True, eq=False)
class ReferenceCode:
    modules: object  # numpy bool grid, quiet zone included
    module_px: int
    reads: tuple[str, ...]  # what zxing reads from it


@lru_cache(maxsize=32)
def reference_code(text: str, width_px: int) -> ReferenceCode | None:
    """The code for text drawn width_px wide (None: not a whole number of pixels per module),
    and what zxing reads from it: decoded once per text and size."""
    import numpy as np
    from PIL import Image

    modules = qr_modules(text)
    count = modules.shape[1]
    if width_px % count:
        return None
    module_px = width_px // count
    pixels = np.kron(np.where(modules, 0, 255).astype(np.uint8), np.ones((module_px, module_px), dtype=np.uint8))
    return ReferenceCode(modules, module_px, tuple(decode_qr_image(Image.fromarray(pixels))))


def module_differences(pixels, box: Sequence[int], modules) -> int:
    """How many modules of the code in box (a greyscale page as a numpy array, quiet zone
    included) are not as in modules: each read at its centre, dark below mid-grey."""
    import numpy as np

    left, top, right, bottom = box
    rows, cols = modules.shape
    step = (right - left) // cols
    ys = top + step * np.arange(rows) + step // 2
    xs = left + step * np.arange(cols) + step // 2
    if ys[-1] >= pixels.shape[0] or xs[-1] >= pixels.shape[1] or top < 0 or left < 0:
        return int(modules.size)  # the code is not on the page where the plan put it
    dark = pixels[np.ix_(ys, xs)] < 128
    return int((dark != modules).sum())
