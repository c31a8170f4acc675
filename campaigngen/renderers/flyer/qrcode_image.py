"""The QR code: error correction H (restroom stickers get dirty), 4-module quiet zone,
whole pixels per module so a printer never resamples a module edge."""

from __future__ import annotations

import numpy as np
import qrcode
from PIL import Image

QUIET_ZONE_MODULES = 4


def qr_modules(url: str) -> np.ndarray:
    """Boolean module grid, quiet zone included (True = dark)."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_H, border=QUIET_ZONE_MODULES, box_size=1)
    code.add_data(url)
    code.make(fit=True)
    return np.array(code.get_matrix(), dtype=bool)


def qr_image(url: str, min_px: int) -> Image.Image:
    """Smallest whole-pixel-per-module rendering at least min_px wide."""
    modules = qr_modules(url)
    count = modules.shape[0]
    scale = max(1, -(-min_px // count))
    pixels = np.where(modules, 0, 255).astype(np.uint8)
    return Image.fromarray(pixels, mode="L").resize((count * scale, count * scale), Image.Resampling.NEAREST)
