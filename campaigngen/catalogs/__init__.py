"""Stage 2: translations - PO catalogs in, localized text out."""
