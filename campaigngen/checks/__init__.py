"""Stage 3: decide whether material is fit to publish. Checks read, never write."""
