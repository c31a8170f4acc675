"""Every check on one snapshot, with waivers applied: the one place that decides.

The gate covers everything a build or publish can fail on, so `check` exit 0 means they
will succeed: text checks per language, a dry layout of every format and multilingual sheet,
the spot's real speech against its booking, the QR code decoded back, the contact details
filled in, and no personal data. Rendering then skips the checks it measures for real.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Mapping
from functools import partial
from typing import Any

from campaigngen import checknames
from campaigngen.catalogs.localized import LocalizedCampaign
from campaigngen.catalogs.snapshot import Snapshot
from campaigngen.checks.findings import Finding, Report, apply_waivers
from campaigngen.checks.translation import completeness_findings, length_findings
from campaigngen.sources.campaign import MULTILINGUAL, sheet_key
from campaigngen.sources.registry import base_of

TextCheck = Callable[[LocalizedCampaign], list[Finding]]
CAMPAIGN_WIDE = "*"  # the language of a finding about the whole campaign (contact, QR)

# Checks a build measures while rendering (every page laid out, every spot spoken): it skips
# their dry runs, and its render findings carry the same names.
RENDERED = ("layout-fit", "radio")


def _language_checks() -> dict[str, TextCheck]:
    """Name -> check over one language. Order is the order of the report."""
    from campaigngen.checks.glyphs import glyph_findings
    from campaigngen.checks.integrity import integrity_findings
    from campaigngen.checks.privacy import personal_data_findings
    from campaigngen.checks.readability import print_findings

    return {
        "translation": lambda loc: completeness_findings(loc) + length_findings(loc) + _pseudo(loc),
        "integrity": integrity_findings,
        "reading-level": lambda loc: print_findings(loc, readability_overrides(loc)),
        "reading-level-speech": speech_findings,
        "glyphs": glyph_findings,
        "personal-data": personal_data_findings,
        "layout-fit": layout_fit,
        "text-message": text_messages,
        "radio": radio_findings,
    }


def _pseudo(localized: LocalizedCampaign) -> list[Finding]:
    if not localized.language.pseudo:
        return []
    return [
        Finding(
            checknames.PSEUDO_LOCALE,
            localized.tag,
            None,
            "a pseudo-locale tests layout and is never published - leave it out of publish",
            code="translation.pseudo-locale",
        )
    ]


def speech_findings(localized: LocalizedCampaign) -> list[Finding]:
    from campaigngen.catalogs.spoken import spot_script
    from campaigngen.checks.readability import speech_findings as spoken

    return [
        finding
        for spot in localized.campaign.spots
        for finding in spoken(
            spot_script(localized, spot),
            readability_overrides(localized),
            language_tag=localized.tag,
            spot_id=spot.id,
            config_path=localized.campaign.config_path,
        )
    ]


def layout_fit(localized: LocalizedCampaign) -> list[Finding]:
    """A dry layout of every format the campaign prints, and of its share cards: nothing is written."""
    from campaigngen.renderers.digital.video import video_fit_findings
    from campaigngen.renderers.flyer import fit_findings
    from campaigngen.renderers.flyer.card import card_fit_findings

    flyers = [f for fmt in localized.campaign.flyer.formats for f in fit_findings(localized, fmt)]
    return flyers + card_fit_findings(localized) + video_fit_findings(localized)


def text_messages(localized: LocalizedCampaign) -> list[Finding]:
    """Each text message composed as the build writes it, counted as carriers count it."""
    from campaigngen.renderers.digital import text_message_findings

    return text_message_findings(localized)


def radio_findings(localized: LocalizedCampaign) -> list[Finding]:
    """Each spot spoken for real (without mastering), against its booking; where it will have
    no audio and the campaign asks for a live read, the live read against the booking; where
    it will have neither, a notice that it will not be made."""
    if localized.language.pseudo:
        return []  # pseudo-locales get script sheets, not spots
    from campaigngen.checks.findings import ERROR
    from campaigngen.renderers.radio import live_read_findings, not_made_finding, spot_findings, will_speak

    speaks = will_speak(localized)
    findings: list[Finding] = []
    for spot in localized.campaign.spots:
        audio = spot_findings(localized, spot) if speaks else []
        findings += audio
        if speaks and not any(f.severity == ERROR for f in audio):
            continue  # the recording airs
        if localized.campaign.delivery.read_live(localized.tag, spot):
            findings += live_read_findings(localized, spot)
        elif not speaks:
            findings.append(not_made_finding(localized, spot))
    return findings


def readability_overrides(localized: LocalizedCampaign) -> Mapping[str, Any] | None:
    """[readability.es] applies to es-419 too, unless es-419 has its own table."""
    table = localized.campaign.readability
    return table.get(localized.tag) or table.get(base_of(localized.tag))


def campaign_findings(snapshot: Snapshot, skip: Iterable[str] = ()) -> list[Finding]:
    """What is about the whole campaign, not one language: contact details, the QR code, the
    brand (colour contrast, logo resolution), and the multilingual sheets."""
    findings = [
        Finding(
            checknames.CONTACT,
            CAMPAIGN_WIDE,
            None,
            f"{setting} is not filled in - fill in your hotline in campaign.toml; nothing is made without it",
            detail={"key": setting, "file": snapshot.campaign.config_path.name},
            code="contact.unfilled",
        )
        for setting in snapshot.campaign.contact.unfilled
    ]
    if snapshot.campaign.spots and not snapshot.campaign.traffic.contact:
        findings.append(
            Finding(
                checknames.TRAFFIC_CONTACT,
                CAMPAIGN_WIDE,
                None,
                "[traffic] contact is empty: stations airing the spots need someone to ask (a name and a phone "
                'or e-mail) - fill in contact, or waive it: check = "traffic-contact", with who and why',
                code="traffic.no-contact",
            )
        )
    if snapshot.campaign.spots and snapshot.campaign.delivery.mp2:
        from campaigngen.renderers.radio.mp2 import INSTALL_EXTRA, mp2_available

        if not mp2_available():
            findings.append(
                Finding(
                    checknames.AUDIO,
                    CAMPAIGN_WIDE,
                    None,
                    f"[delivery] mp2 = true, but the MP2 encoder is not installed here - {INSTALL_EXTRA}, "
                    f"or take mp2 out",
                    code="audio.mp2-unavailable",
                )
            )
    if not snapshot.campaign.spots:
        # With spots, each spot's check names an unusable recording; without, say it here.
        findings += [
            Finding(
                checknames.RECORDING,
                tag,
                None,
                f"radio.recordings.{tag} ({media.path.name}): {media.problem} - fix the path in "
                f"campaign.toml, or remove the entry",
                detail={"key": f"radio.recordings.{tag}", "file": media.path.name, "problem": media.problem},
                code="recording.unusable",
            )
            for tag, media in snapshot.campaign.radio.recordings.items()
            if media.problem
        ]
    if not [f for f in findings if f.check == checknames.CONTACT]:
        from campaigngen.renderers.flyer import qr_findings

        findings += qr_findings(snapshot.campaign)
    from campaigngen.checks.brand import brand_findings
    from campaigngen.checks.settings import no_effect_findings
    from campaigngen.renderers.flyer import logo_findings

    findings += no_effect_findings(snapshot.campaign)

    findings += brand_findings(snapshot.campaign) + logo_findings(snapshot.campaign)
    if "layout-fit" not in skip:
        from campaigngen.release.findings_cache import cached_findings
        from campaigngen.release.keys import check_key, digest, editions_key
        from campaigngen.renderers.flyer import sheet_fit_findings

        for editions in snapshot.sheets():
            key = digest(check_key("layout-fit-sheet", snapshot), editions_key(editions))
            findings += cached_findings("layout-fit-sheet", key, partial(sheet_fit_findings, editions))
    return findings


# Checks whose findings depend only on the snapshot's content: kept by content key, so an
# unchanged language costs a file read on the next run (text checks that are cheaper than
# a read, and the privacy check, which depends on this machine's paths, are not kept;
# integrity is kept too, in its own way, below).
CACHED = frozenset({"reading-level", "reading-level-speech", "glyphs", "layout-fit", "radio"})


def run_checks(snapshot: Snapshot, skip: Iterable[str] = (), workers: int = 1) -> Report:
    """skip names checks the caller measures for real instead (a build lays every page out).
    workers > 1 checks languages side by side in forked processes (the CLI's `check`; never
    a threaded caller such as the studio: a fork copies another thread's held locks)."""
    skipped = set(skip)
    checks = {name: check for name, check in _language_checks().items() if name not in skipped}
    reviewed = None
    if checknames.REVIEW not in skipped:
        from campaigngen.release.approvals import review_findings

        # Never kept: who is trusted lives in the keyrings of the person running this.
        reviewed = partial(review_findings, snapshot)
    found, review = _all_findings(snapshot, checks, skipped, workers, reviewed)
    findings = [finding for part in found for finding in part]
    run = tuple(checks)
    if reviewed is not None:
        findings.extend(review)
        run += (checknames.REVIEW,)
    return report_of(snapshot, findings, run)


def _language_findings(snapshot: Snapshot, checks: Mapping[str, TextCheck], base: str, index: int) -> list[Finding]:
    """One language's findings; base is the campaign's key (release/keys.campaign_key), which
    keys every check but layout-fit and radio: those are keyed by the settings their outputs
    read (release/keys.check_key)."""
    from campaigngen.checks.integrity import located, unlocated_findings
    from campaigngen.release.findings_cache import cached_findings
    from campaigngen.release.keys import edition_key

    localized = snapshot.editions[index]
    edition = edition_key(localized)
    findings: list[Finding] = []
    for name, check in checks.items():
        if name == "layout-fit" and _encoder_probe is not None:
            # A video's dry run also asks whether ffmpeg is here to encode it (asked once a
            # process; the answer _encoder_probe is fetching is waited for, not asked again).
            _encoder_probe.join()
        kept = _kept_under(name, snapshot, localized, base, edition)
        if name == "integrity":
            # ICU's number spell-out rules make this seconds for 20 languages: kept without
            # catalog line numbers, which are put back from this snapshot.
            assert kept is not None
            findings.extend(located(localized, cached_findings(name, kept, partial(unlocated_findings, localized))))
        elif kept is not None:
            findings.extend(cached_findings(name, kept, partial(check, localized)))
        else:
            findings.extend(check(localized))
    return findings


def _kept_under(name: str, snapshot: Snapshot, localized: LocalizedCampaign, base: str, edition: str) -> str | None:
    """The key a check's findings for one language are kept under (release/findings_cache),
    or None for a check made afresh every time. base is the campaign's key, edition the
    language's (release/keys.py)."""
    from campaigngen.release.keys import check_key, digest, voices_key
    from campaigngen.renderers.digital.video import encoder_key

    if name == "radio":
        # Speech depends on the voices installed here, not only on the snapshot.
        narrow = digest(check_key(name, snapshot), edition)
        return None if _online(localized) else digest(narrow, voices_key(localized))
    if name == "layout-fit":
        return digest(digest(check_key(name, snapshot), edition), encoder_key(localized))
    if name in CACHED or name == "integrity":
        return digest(base, edition)
    return None


def checks_kept(snapshot: Snapshot, skip: Iterable[str] = ()) -> bool:
    """Whether run_checks(snapshot, skip) has every finding it keeps in the findings cache
    already (check ran on this very snapshot), so that it only reads them back and makes the
    checks that are cheaper than a read."""
    from campaigngen.release.keys import campaign_key

    skipped = set(skip)
    names = [name for name in (*CACHED, "integrity") if name not in skipped]
    every = range(1 + len(snapshot.editions))
    return _pieces_to_make(snapshot, names, skipped, campaign_key(snapshot), every, None) == 0


def _pieces_to_make(
    snapshot: Snapshot,
    checks: Iterable[str],
    skipped: set[str],
    base: str,
    pieces: Iterable[int],
    speech: int | None,
) -> int:
    """How many of these pieces (as in _all_findings) have findings to make rather than read
    back: a language with a kept check not in the findings cache, the spots with one not
    kept (or made afresh: an online voice), the campaign-wide piece with a sheet's layout not
    kept. The checks made afresh every time are the cheap ones (cheaper than reading a kept
    answer back), and an online voice, counted as work."""
    from campaigngen.release.findings_cache import is_kept
    from campaigngen.release.keys import check_key, digest, edition_key, editions_key

    def missing(index: int, names: Iterable[str]) -> bool:
        localized = snapshot.editions[index - 1]
        edition = edition_key(localized)
        for name in names:
            kept = _kept_under(name, snapshot, localized, base, edition)
            if (kept is None and name in SPOKEN) or (kept is not None and not is_kept(name, kept)):
                return True
        return False

    checks = list(checks)
    written = [name for name in checks if name not in SPOKEN or speech is None]
    made = 0
    for index in pieces:
        if index == speech:
            spoken = [name for name in checks if name in SPOKEN]
            made += any(missing(language, spoken) for language in range(1, 1 + len(snapshot.editions)))
        elif index == 0:
            made += "layout-fit" not in skipped and any(
                not is_kept("layout-fit-sheet", digest(check_key("layout-fit-sheet", snapshot), editions_key(editions)))
                for editions in snapshot.sheets()
            )
        else:
            made += missing(index, written)
    return made


# The thread asking ffmpeg its version while the first language is checked (_all_findings).
_encoder_probe: threading.Thread | None = None


def _probe_encoder(localized: LocalizedCampaign) -> threading.Thread:
    """A started thread that asks encoder_key (ffmpeg's version, kept once a process) for the
    first language, as its layout check will."""
    from campaigngen.renderers.digital.video import encoder_key

    def ask() -> None:
        try:
            encoder_key(localized)
        except Exception:  # noqa: BLE001 - the check asks again itself and reports what it raises
            pass

    probe = threading.Thread(target=ask, name="ffmpeg-version", daemon=True)
    probe.start()
    return probe


# What a forked checker works on: set before the fork, read by the children (nothing pickled
# but a piece's index and the findings coming back).
_forked_work: Callable[[int], Any] | None = None


def _forked(index: int) -> Any:
    assert _forked_work is not None, "checker forked without its work"
    return _forked_work(index)


def _start_checker() -> None:
    """A forked checker ends with the check that forked it, and leaves what it inherited out
    of its garbage collection: its full collections otherwise visit, and so copy, every page
    of the parent's objects (a test process's are over a million)."""
    from campaigngen.release.workers import die_with_parent, inherited_left_out

    die_with_parent()
    inherited_left_out()


# The checks a forked checker runs for every language in one piece (see _all_findings).
SPOKEN = ("radio",)


def _all_findings(
    snapshot: Snapshot,
    checks: Mapping[str, TextCheck],
    skipped: set[str],
    workers: int,
    alongside: Callable[[], list[Finding]] | None = None,
) -> tuple[list[list[Finding]], list[Finding]]:
    """The campaign-wide findings, then each language's, in the snapshot's order; and
    alongside()'s findings (the reviews), made here while the checkers work.

    With workers > 1 the first language's written checks (all but its spots) run here first,
    so what checking loads for any language (libraries, fonts, break rules, dictionaries) is
    loaded once and the forked checkers share it; then the rest is cut into pieces that the
    checkers take one at a time, in the order _pieces gives (longest first, so the cores
    finish together). Every spot of every language is one piece: the speech engine,
    resampling and loudness (scipy.signal, 0.8-1 s to import) are then loaded by one checker
    only, while the other lays out pages, instead of here before the fork. When at most one
    of the other pieces has findings to make rather than read back (_pieces_to_make), they
    are all made here, and nothing is forked."""
    from campaigngen.release.keys import campaign_key

    base = campaign_key(snapshot)
    count = 1 + len(snapshot.editions)

    def work(index: int, some: Mapping[str, TextCheck] = checks) -> list[Finding]:
        if index == 0:
            return campaign_findings(snapshot, skipped)
        return _language_findings(snapshot, some, base, index - 1)

    spoken = {name: check for name, check in checks.items() if name in SPOKEN}
    written = {name: check for name, check in checks.items() if name not in SPOKEN}
    # One piece only while the spoken checks come last in a language's report, so the
    # findings can be put back in one process's order.
    last = list(checks)[len(checks) - len(spoken) :] == list(spoken)
    speech = count if spoken and last and snapshot.campaign.spots else None
    if workers <= 1 or _pieces_of_work(snapshot, skipped, speech) < 2:
        found = [work(index) for index in range(count)]
        return found, alongside() if alongside is not None else []

    def piece(index: int) -> Any:
        if index == speech:
            return [work(language, spoken) for language in range(1, count)]
        return work(index, written if speech is not None else checks)

    # The first language's written checks here, before the fork: what checking loads for any
    # language (libraries, fonts, break rules, dictionaries) is then loaded once and shared.
    # Meanwhile a thread asks ffmpeg its version (it keys the layout check: a video's dry run
    # asks whether it can encode), which takes ffmpeg ~0.1 s to answer: on the idle core,
    # not in this serial stretch.
    global _encoder_probe
    _encoder_probe = _probe_encoder(snapshot.editions[0])
    try:
        first = piece(1)
    finally:
        _encoder_probe.join()
        _encoder_probe = None  # no thread outlives the fork
    rest = [index for index in _pieces(snapshot, skipped, speech) if index != 1]
    # When the rest is read back from the findings cache but for one piece at most (check
    # again after nothing, or one language, changed), it is made here: two checkers would
    # cost their fork and exit and share no work (a check with every finding kept: 0.04 s of
    # CPU here, 0.18 s with the checkers forked, in a process the size of a test's).
    forking = _pieces_to_make(snapshot, list(checks), skipped, base, rest, speech) >= 2
    made, extra = _made_by_checkers(snapshot, piece, rest, min(workers, count) if forking else 1, alongside)
    found = [first if index == 1 else made[index] for index in range(count)]
    if speech is not None:
        # Spot findings come last in a language's report, as in one process.
        found = [found[0], *(text + said for text, said in zip(found[1:], made[speech]))]
    return found, extra


def _made_by_checkers(
    snapshot: Snapshot,
    piece: Callable[[int], Any],
    pieces: list[int],
    workers: int,
    alongside: Callable[[], list[Finding]] | None,
) -> tuple[dict[int, Any], list[Finding]]:
    """Each of pieces made by one of `workers` forked checkers, taken one at a time in the
    order given (with one worker, made here, nothing forked); and alongside()'s findings,
    made here while they work."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    if workers <= 1:
        return {index: piece(index) for index in pieces}, alongside() if alongside is not None else []
    global _forked_work
    _forked_work = piece
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_start_checker) as pool:
            # Taken in the order submitted, one piece at a time.
            pending = {index: pool.submit(_forked, index) for index in pieces}
            extra = alongside() if alongside is not None else []
            if snapshot.campaign.spots:
                _voices_here(snapshot)
            return {index: pending[index].result() for index in pieces}, extra
    finally:
        _forked_work = None


def _pieces_of_work(snapshot: Snapshot, skipped: set[str], speech: int | None) -> int:
    """How many pieces the checkers would share that carry work of their own: the languages
    after the first (which is checked here before the fork), every spot, the multilingual
    sheets' layouts. With one, the checkers would only work beside this process's reviews
    (signatures checked, a hundredth of a second), and two forked checkers cost more than
    that saves: a campaign of one language besides the source, without spots, checked in one
    process took a third less CPU and less time cold, and a third of the CPU with its findings
    kept (measured in a test process, whose size makes each fork dearer than a CLI's)."""
    sheets = "layout-fit" not in skipped and bool(snapshot.sheets())
    return (len(snapshot.editions) - 1) + (speech is not None) + sheets


def _voices_here(snapshot: Snapshot) -> None:
    """Which languages have a voice here, asked while the checkers work: the report's radio
    plan (release/radio_plan.py) asks it of every language next, and the answer is kept
    (registry facts, and each voice looked up in one espeak-ng copy kept for the process,
    renderers/radio/espeak._found_file: 0.02 s for the sample's 28 voices, 0.24 s when each
    took a fresh copy that listed every voice file again)."""
    from campaigngen.renderers.radio.voices import will_speak

    for localized in snapshot.editions:
        if not localized.language.pseudo:
            will_speak(localized)


def _pieces(snapshot: Snapshot, skipped: set[str], speech: int | None) -> list[int]:
    """The pieces (0: the campaign-wide checks, 1...: the languages, speech: every spot) in
    the order the checkers take them, longest first, so the last to finish are short: every
    spot (a third of all the work), the multilingual sheets' layouts (every script on one
    page), the languages set in the large CJK fonts, then the rest in the snapshot's order."""

    def cost(index: int) -> int:
        if index == speech:
            return 3
        if index == 0:
            return 2 if "layout-fit" not in skipped and snapshot.sheets() else 0
        return 1 if snapshot.editions[index - 1].language.script in LARGE_FONT_SCRIPTS else 0

    indices = [*range(1 + len(snapshot.editions)), *([speech] if speech is not None else [])]
    return sorted(indices, key=lambda index: -cost(index))


# Scripts set in the CJK collections (19 MB, 65,000 glyphs): their layouts take longest.
LARGE_FONT_SCRIPTS = frozenset({"Hans", "Hant", "Hani", "Jpan", "Kore", "Hang"})


def _online(localized: LocalizedCampaign) -> bool:
    """A voice fetched from the network may answer tomorrow what it did not today: never kept."""
    return "gtts" in localized.campaign.radio.engines_for(localized.tag)


def report_of(snapshot: Snapshot, findings: Iterable[Finding], checks_run: tuple[str, ...]) -> Report:
    """A report over the snapshot's languages, its sheets and the campaign as a whole."""
    from campaigngen.release.waiving import finding_subject, unbound_findings

    findings = [f for f in findings if f.code != "waiver.unbound"]  # a report made again (a build)
    findings = apply_waivers(findings, snapshot.campaign.waivers, partial(finding_subject, snapshot))
    findings = (*findings, *unbound_findings(snapshot, findings))
    groups = [*snapshot.tags, *(sheet_key(e.tag for e in sheet) for sheet in snapshot.sheets())]
    if any(f.language == CAMPAIGN_WIDE for f in findings):
        groups.insert(0, CAMPAIGN_WIDE)
    return Report(findings=findings, checks_run=checks_run, languages=tuple(groups))


__all__ = ["run_checks", "report_of", "campaign_findings", "readability_overrides", "CAMPAIGN_WIDE", "MULTILINGUAL"]
