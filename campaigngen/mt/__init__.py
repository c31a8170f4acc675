"""Offline machine translation: the Argos engine and the models installed for it.

    models.py    where installed models live, which language pairs they cover
    archive.py   an .argosmodel file checked as untrusted input, then installed
    download.py  on a connected machine: fetch models from the index and keep the files
    argos.py     the optional extra's imports, and the engine driving one installed model

This package knows nothing of PO files or campaigns: `catalogs/machine.py` writes its drafts
into the catalogs as fuzzy entries, and `campaigngen models` manages the models. It sits
below catalogs and above sources (it reads a language's Argos code from the registry).
"""
