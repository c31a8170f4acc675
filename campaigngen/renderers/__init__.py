"""Stage 4: turn localized text into files people print and stations air."""
