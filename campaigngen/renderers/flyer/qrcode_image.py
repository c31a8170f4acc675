"""The QR code: error correction H (restroom stickers get dirty), 4-module quiet zone,
whole pixels per module so a printer never resamples a module edge."""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import qrcode

from campaigngen.renderers.flyer.plan import QrCode

QUIET_ZONE_MODULES = 4


@lru_cache(maxsize=64)
def qr_modules(url: str) -> np.ndarray:
    """Boolean module grid, quiet zone included (True = dark); read-only, as it is shared: the
    code depends on the address alone, and choosing its mask costs ~30 ms each time."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_H, border=QUIET_ZONE_MODULES, box_size=1)
    code.add_data(url)
    code.make(fit=True)
    modules = np.array(code.get_matrix(), dtype=bool)
    modules.flags.writeable = False
    return modules


def qr_code(url: str, min_px: int) -> QrCode:
    """The smallest whole-pixel-per-module code at least min_px wide."""
    modules = qr_modules(url)
    return QrCode(modules, max(1, -(-min_px // modules.shape[0])))
