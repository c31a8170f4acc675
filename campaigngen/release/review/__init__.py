"""The review page: one static ``index.html`` a coordinator opens from disk, offline.

``write_review(folder, manifest)`` reads only the manifest and the files beside it, so
the same code serves a draft build (``campaigngen review``) and every release.
"""

from campaigngen.release.review.page import REVIEW_DIR, ReviewPage, write_review

__all__ = ["REVIEW_DIR", "ReviewPage", "write_review"]
