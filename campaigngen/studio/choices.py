"""A choice on the campaign form in words: what campaign.toml holds ("ebu-r128", "dual-mono",
48000) is never what the form shows, alone or in front of its meaning."""

from __future__ import annotations

# Numbers get their unit; every other code its words here.
_CHOICE_WORDS: dict[str, dict[str, str]] = {
    "delivery.channels": {
        "mono": "Mono: one channel",
        "dual-mono": "The same sound in both channels (for playout that takes only stereo)",
    },
    "delivery.fill": {
        "number": "The number said once more",
        "closing": "A closing line",
        "script": "The whole script said again",
        "bed": "The music bed",
    },
    "delivery.live_read_cards": {"unvoiced": "Languages without audio", "all": "Every language"},
    "delivery.id3_version": {"2.3": "Version 2.3 (older importers)", "2.4": "Version 2.4"},
    "print.colour": {"rgb": "Screens and office printers", "cmyk": "A printing press"},
    "brand.pictograms": {
        "phone": "A telephone",
        "free": "Free of charge",
        "24h": "Open day and night",
        "confidential": "Confidential",
        "language": "Your language",
    },
}
_CHOICE_UNITS = {
    "delivery.sample_rate": lambda v: f"{int(v) / 1000:g} kHz",
    "delivery.bit_depth": lambda v: f"{v}-bit",
    "delivery.mp3_bitrate": lambda v: f"{v} kbit/s",
    "delivery.mp2_bitrate": lambda v: f"{v} kbit/s",
}


def choice_label(setting: str, value: str, label: str) -> str:
    """A choice as the form lists it: in words, never its code alone or in front."""
    if not value:
        return label
    if setting == "radio.preset":
        from campaigngen.sources.broadcast import PRESETS

        preset = PRESETS.get(value)
        if preset is not None:
            return f"{preset.standard[:1].upper()}{preset.standard[1:]}: {preset.target_lufs:g} LUFS"
    if value in _CHOICE_WORDS.get(setting, {}):
        return _CHOICE_WORDS[setting][value]
    if setting in _CHOICE_UNITS and value.isdigit():
        return _CHOICE_UNITS[setting](value)
    return label
