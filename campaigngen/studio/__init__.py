"""The studio: the same workflow as the commands, as a local web app (docs/studio.md)."""
