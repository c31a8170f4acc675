"""QR codes read back from printed output: the address a phone would open, decoded by zxing-cpp."""

from __future__ import annotations

from collections.abc import Sequence
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
    """Texts of every QR code found in an image file (PNG, JPEG...), in zxing's order."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(image_path) as image:
            return decode_qr_image(image, box)
    except (FileNotFoundError, UnidentifiedImageError) as exc:
        raise InputError(
            image_path,
            f"cannot read the image to decode its QR code ({exc.__class__.__name__})",
            hint="render the flyer again",
        ) from None
