"""campaigngen: outreach flyers and radio spots, in the reader's language, with the hotline right."""

__version__ = "0.1.0"
