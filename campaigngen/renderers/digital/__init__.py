"""What a campaign gives outreach staff to post and send: the one-message text for SMS and
WhatsApp (text_message.py)."""

from campaigngen.renderers.digital.text_message import (
    compose_texts,
    render_text_messages,
    text_message_findings,
)

__all__ = ["compose_texts", "render_text_messages", "text_message_findings"]
