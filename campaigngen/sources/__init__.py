"""Stage 1: read what people wrote - campaign config, messages, languages, fonts."""
