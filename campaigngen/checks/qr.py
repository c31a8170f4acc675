"""QR codes read back from printed output: the address a phone would open, decoded by zxing-cpp."""

from __future__ import annotations

from pathlib import Path

from campaigngen.exceptions import InputError, MissingDependency


def decode_qr_image(image) -> list[str]:
    """Texts of every QR code in a Pillow image, in zxing's order."""
    try:
        import zxingcpp
    except ImportError:
        raise MissingDependency("zxing-cpp is not installed - pip install zxing-cpp") from None
    results = zxingcpp.read_barcodes(image.convert("L"), formats=zxingcpp.BarcodeFormat.QRCode)
    return [result.text for result in results]


def decode_qr(image_path: Path) -> list[str]:
    """Texts of every QR code found in an image file (PNG, JPEG...), in zxing's order."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(image_path) as image:
            return decode_qr_image(image)
    except (FileNotFoundError, UnidentifiedImageError) as exc:
        raise InputError(image_path, f"cannot read the image to decode its QR code ({exc.__class__.__name__})",
                         hint="render the flyer again") from None
