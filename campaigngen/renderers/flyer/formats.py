"""Paper formats as the flyer renderer uses them (the table itself lives in sources/paper.py,
where campaign.toml is validated against it)."""

from campaigngen.sources.paper import DPI, FORMATS, MM_PER_INCH, POINTS_PER_INCH, FlyerFormat, pt_to_px, px_to_pt

__all__ = ["DPI", "FORMATS", "MM_PER_INCH", "POINTS_PER_INCH", "FlyerFormat", "pt_to_px", "px_to_pt"]
