"""Stage 5: build, verify and publish - the only way material leaves the project."""
