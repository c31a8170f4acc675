"""Colour in the PDF: RGB as designed, or CMYK for a press through an ICC profile.

CMYK is converted by LittleCMS (Pillow's ImageCms) from sRGB to the output profile with
relative colorimetric intent and black-point compensation, the usual choice for solid
brand colours. The profile goes into the PDF as its OutputIntent, so a print shop's
preflight knows which press condition the numbers are for. How far each colour moves is
measured by converting the CMYK back to CIE Lab through the same profile and comparing
with the sRGB original (CIEDE2000; see colour_shift).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from campaigngen.exceptions import MissingDependency
from campaigngen.renderers.flyer.pdf_objects import number, text_string

if TYPE_CHECKING:
    from PIL import Image as PILImage
    from PIL.ImageCms import ImageCmsTransform

# Ghostscript's SWOP-like press profile, from Debian's libgs-common (installed by `make setup`),
# when the campaign names none of its own ([print] profile: the shop's).
CMYK_PROFILE = Path("/usr/share/color/icc/ghostscript/default_cmyk.icc")
CMYK_PROFILE_PACKAGE = "libgs-common"
# A profile as a file on this machine or as the bytes of the campaign's own file.
ProfileSource = Path | bytes


class RgbModel:
    name = "rgb"

    def fill_operator(self, rgb) -> str:
        return " ".join(number(round(v / 255, 4)) for v in rgb) + " rg"

    def area_fill_operator(self, rgb) -> str:
        return self.fill_operator(rgb)

    def stroke_operator(self, rgb) -> str:
        return " ".join(number(round(v / 255, 4)) for v in rgb) + " RG"

    def registration_stroke(self) -> str:
        return "0 0 0 RG"

    def image_data(self, image, kind: str = "image", alpha=None) -> tuple[str, bytes]:
        return "/DeviceRGB", image.tobytes()

    def output_intent(self, pdf) -> int | None:
        return None

    def shifts(self) -> dict:
        return {}

    def image_inks(self) -> dict:
        return {}


RGB_OUTPUT = RgbModel()


@dataclass
class CmykModel:
    profile_path: ProfileSource
    condition: str = ""  # the registered output condition (FOGRA39...); "" is a custom one
    rich_black: bool = False  # [print] rich_black: large near-black areas get C, M and Y under the K
    name: str = "cmyk"
    _cache: dict = field(default_factory=dict)
    _image_inks: dict = field(default_factory=dict)
    _rich: set = field(default_factory=set)  # near-blacks drawn as large areas in rich black

    def cmyk(self, rgb) -> tuple[float, float, float, float]:
        key = tuple(rgb)
        if key not in self._cache:
            self._cache[key] = tuple(v / 255 for v in press_cmyk(self.profile_path, key))
        return self._cache[key]

    def fill_operator(self, rgb) -> str:
        return " ".join(number(round(v, 4)) for v in self.cmyk(rgb)) + " k"

    def area_fill_operator(self, rgb) -> str:
        """A large area: rich black where asked and the colour is a near-black (black ink alone
        prints a large area grey-ish and mottled); otherwise as any fill."""
        c, m, y, k = self.cmyk(rgb)
        if not self.rich_black or (c, m, y) != (0, 0, 0) or k < RICH_BLACK_FROM:
            return self.fill_operator(rgb)
        self._rich.add(tuple(rgb))
        return " ".join(number(v) for v in (*RICH_BLACK_CMY, round(k, 4))) + " k"

    def stroke_operator(self, rgb) -> str:
        return " ".join(number(round(v, 4)) for v in self.cmyk(rgb)) + " K"

    def registration_stroke(self) -> str:
        return "1 1 1 1 K"  # registration: the mark prints on every plate

    def image_data(self, image, kind: str = "image", alpha=None) -> tuple[str, bytes]:
        """The image in press inks; the most ink any of its printed pixels takes (percent, over
        the pixels alpha does not leave blank) is kept by kind ("logo") for the ink limit."""
        import numpy as np

        data = _applied(image.convert("RGB"), _transform(self.profile_path)).tobytes()
        inks = np.frombuffer(data, dtype=np.uint8).reshape(-1, 4).sum(axis=1, dtype=np.int32)
        if alpha is not None:
            inks = inks[np.frombuffer(alpha.tobytes(), dtype=np.uint8) > 0]
        most = round(float(inks.max()) * 100 / 255, 1) if inks.size else 0.0
        self._image_inks[kind] = max(self._image_inks.get(kind, 0.0), most)
        return "/DeviceCMYK", data

    def image_inks(self) -> dict:
        return dict(self._image_inks)

    def shifts(self) -> dict:
        """Every colour drawn so far: the CMYK it became and how far it moved (CIEDE2000)."""
        out = {}
        for rgb in sorted(self._cache):
            cmyk, delta_e = colour_shift(rgb, self.profile_path)
            out["#{:02x}{:02x}{:02x}".format(*rgb)] = {"cmyk_percent": list(cmyk), "delta_e_2000": round(delta_e, 2)}
        for rgb in sorted(self._rich):
            k = self.cmyk(rgb)[3]
            rich = tuple(round(v * 255) for v in (*RICH_BLACK_CMY, k))
            delta_e = _delta_e_printed(rgb, rich, self.profile_path)
            percent = [round(v / 255 * 100, 1) for v in rich]
            out["#{:02x}{:02x}{:02x} (rich black)".format(*rgb)] = {
                "cmyk_percent": percent,
                "delta_e_2000": round(delta_e, 2),
            }
        return out

    def output_intent(self, pdf) -> int:
        from PIL import ImageCms

        source = self.profile_path
        data = source if isinstance(source, bytes) else source.read_bytes()
        description = ImageCms.getProfileDescription(_profile(source)).strip()
        profile = pdf.add_stream("/N 4", data)
        return pdf.add(
            f"<< /Type /OutputIntent /S /GTS_PDFX /OutputConditionIdentifier {text_string(self.condition or 'Custom')} "
            f"/OutputCondition {text_string(description)} /Info {text_string(description)} "
            f"/DestOutputProfile {profile} 0 R >>"
        )


ColourModel = RgbModel | CmykModel


def cmyk_output(profile: bytes | None = None, condition: str = "", rich_black: bool = False) -> CmykModel:
    """Press colour through the campaign's own profile (its bytes), or the default one."""
    if profile is not None:
        return CmykModel(profile, condition, rich_black)
    if not CMYK_PROFILE.is_file():
        raise MissingDependency(
            f"the CMYK press profile {CMYK_PROFILE} is missing - apt-get install {CMYK_PROFILE_PACKAGE}"
        )
    return CmykModel(CMYK_PROFILE, condition, rich_black)


@lru_cache(maxsize=4)
def _profile(source: ProfileSource):
    import io

    from PIL import ImageCms

    if isinstance(source, bytes):
        return ImageCms.ImageCmsProfile(io.BytesIO(source))
    return ImageCms.getOpenProfile(str(source))


@lru_cache(maxsize=4)
def _transform(path: ProfileSource):
    from PIL import ImageCms

    return ImageCms.buildTransform(
        ImageCms.createProfile("sRGB"),
        _profile(path),
        "RGB",
        "CMYK",
        renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC,
        flags=ImageCms.Flags.BLACKPOINTCOMPENSATION,
    )


@lru_cache(maxsize=4)
def _proof(path: ProfileSource):
    """CMYK back to Lab (D50): what the press prints, as a colour."""
    from PIL import ImageCms

    return ImageCms.buildTransform(
        _profile(path),
        ImageCms.createProfile("LAB", 5000),
        "CMYK",
        "LAB",
        renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC,
    )


@lru_cache(maxsize=4)
def _srgb_to_lab():
    from PIL import ImageCms

    return ImageCms.buildTransform(
        ImageCms.createProfile("sRGB"),
        ImageCms.createProfile("LAB", 5000),
        "RGB",
        "LAB",
        renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC,
    )


def _applied(image: PILImage.Image, transform: ImageCmsTransform) -> PILImage.Image:
    from PIL import ImageCms

    converted = ImageCms.applyTransform(image, transform)
    assert converted is not None  # None only with inPlace=True; otherwise a new image
    return converted


# A colour this close to grey (CIE Lab chroma) prints with black ink alone: text, QR modules,
# rules and hairlines in near-black and greys. Four inks for them miss register on a press
# and pile ink up (#111827 became 289 %). The slate greys designers pick for text have a
# chroma of 9 to 11 (#111827, #374151, #6b7280); the sample's navy and teal 27 and 22.
NEUTRAL_CHROMA = 12.0
# Rich black, where asked, for large areas only: a common "cool" mix under the black, 240 % in
# all with 100 % K (within every usual ink limit); for near-blacks printing at 90 % K or more.
RICH_BLACK_CMY = (0.6, 0.4, 0.4)
RICH_BLACK_FROM = 0.9


def press_cmyk(path: ProfileSource, rgb) -> tuple[int, int, int, int]:
    """The inks (0-255) a colour prints with: K alone, as dark as the colour, for a near-grey;
    the profile's conversion for everything else."""
    from PIL import Image

    lightness, a, b = _lab(_applied(Image.new("RGB", (1, 1), tuple(rgb)), _srgb_to_lab()))
    if math.hypot(a, b) > NEUTRAL_CHROMA:
        return _to_cmyk(path, tuple(rgb))
    return 0, 0, 0, _black_for(path, round(lightness * 2))


@lru_cache(maxsize=512)
def _black_for(path: ProfileSource, lightness_x2: int) -> int:
    """The K (0-255) whose print through the profile comes closest to this L* (given x2)."""
    lightness = _black_ramp(path)
    return min(range(256), key=lambda k: abs(lightness[k] - lightness_x2 / 2))


@lru_cache(maxsize=4)
def _black_ramp(path: ProfileSource) -> tuple[float, ...]:
    """L* of K alone at every step 0-255 through the profile, paper white to solid black."""
    from PIL import Image

    ramp = Image.new("CMYK", (256, 1))
    ramp.putdata([(0, 0, 0, k) for k in range(256)])
    printed = _applied(ramp, _proof(path))
    return tuple(_lab(printed.crop((k, 0, k + 1, 1)))[0] for k in range(256))


def _to_cmyk(path: ProfileSource, rgb) -> tuple[int, int, int, int]:
    from PIL import Image

    pixel = _applied(Image.new("RGB", (1, 1), rgb), _transform(path)).getpixel((0, 0))
    assert isinstance(pixel, tuple)  # a multi-band (CMYK) image's pixel is a tuple: its four inks
    c, m, y, k = pixel
    return c, m, y, k


def _lab(image) -> tuple[float, float, float]:
    """Pillow's 8-bit LAB pixel as L* (0-100), a*, b* (stored offset by 128)."""
    lightness, a, b = image.getpixel((0, 0))
    return lightness * 100 / 255, a - 128, b - 128


def colour_shift(rgb, profile_path: ProfileSource = CMYK_PROFILE) -> tuple[tuple[float, float, float, float], float]:
    """The CMYK a colour becomes on press, and how far it moved (CIEDE2000)."""
    cmyk = press_cmyk(profile_path, tuple(rgb))
    c, m, y, k = (round(v / 255 * 100, 1) for v in cmyk)
    return (c, m, y, k), _delta_e_printed(rgb, cmyk, profile_path)


def _delta_e_printed(rgb, cmyk: tuple[int, ...], profile_path: ProfileSource) -> float:
    """How far these inks (0-255) print from the sRGB colour (CIEDE2000)."""
    from PIL import Image

    printed = _lab(_applied(Image.new("CMYK", (1, 1), tuple(cmyk)), _proof(profile_path)))
    original = _lab(_applied(Image.new("RGB", (1, 1), tuple(rgb)), _srgb_to_lab()))
    return delta_e_2000(original, printed)


def delta_e_2000(lab1, lab2) -> float:
    """CIEDE2000 colour difference (Sharma, Wu and Dalal 2005, equations 1-17)."""
    l1, a1, b1 = lab1
    l2, a2, b2 = lab2
    c_bar = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(c_bar**7 / (c_bar**7 + 25**7)))
    a1p, a2p = a1 * (1 + g), a2 * (1 + g)
    c1p, c2p = math.hypot(a1p, b1), math.hypot(a2p, b2)
    h1p = math.degrees(math.atan2(b1, a1p)) % 360 if c1p else 0.0
    h2p = math.degrees(math.atan2(b2, a2p)) % 360 if c2p else 0.0
    dl, dc = l2 - l1, c2p - c1p
    if c1p * c2p == 0:
        dh = 0.0
    elif abs(h2p - h1p) <= 180:
        dh = h2p - h1p
    else:
        dh = h2p - h1p - 360 if h2p > h1p else h2p - h1p + 360
    dH = 2 * math.sqrt(c1p * c2p) * math.sin(math.radians(dh / 2))
    l_bar, cp_bar = (l1 + l2) / 2, (c1p + c2p) / 2
    if c1p * c2p == 0:
        h_bar = h1p + h2p
    elif abs(h1p - h2p) <= 180:
        h_bar = (h1p + h2p) / 2
    else:
        h_bar = (h1p + h2p + 360) / 2 if h1p + h2p < 360 else (h1p + h2p - 360) / 2
    t = (
        1
        - 0.17 * math.cos(math.radians(h_bar - 30))
        + 0.24 * math.cos(math.radians(2 * h_bar))
        + 0.32 * math.cos(math.radians(3 * h_bar + 6))
        - 0.20 * math.cos(math.radians(4 * h_bar - 63))
    )
    d_theta = 30 * math.exp(-(((h_bar - 275) / 25) ** 2))
    r_c = 2 * math.sqrt(cp_bar**7 / (cp_bar**7 + 25**7))
    s_l = 1 + 0.015 * (l_bar - 50) ** 2 / math.sqrt(20 + (l_bar - 50) ** 2)
    s_c, s_h = 1 + 0.045 * cp_bar, 1 + 0.015 * cp_bar * t
    r_t = -math.sin(math.radians(2 * d_theta)) * r_c
    return math.sqrt((dl / s_l) ** 2 + (dc / s_c) ** 2 + (dH / s_h) ** 2 + r_t * (dc / s_c) * (dH / s_h))
