"""The QR code: the module grid checks/qr.py defines (error correction H, 4-module quiet zone),
whole pixels per module so a printer never resamples a module edge."""

from __future__ import annotations

from campaigngen.checks.qr import qr_modules
from campaigngen.renderers.flyer.plan import QrCode


def qr_code(url: str, min_px: int) -> QrCode:
    """The smallest whole-pixel-per-module code at least min_px wide."""
    modules = qr_modules(url)
    return QrCode(modules, max(1, -(-min_px // modules.shape[0])))
