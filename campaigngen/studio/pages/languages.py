"""Languages (`/languages`): what each language of the project can get (machine drafts, a
voice for its radio spots), and a coordinator adding a translation model or a voice from a
file, as `campaigngen models install` and `campaigngen voices install` do (studio/installing.py)."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.requests import Request

from campaigngen.studio import installing
from campaigngen.studio.pages.base import page, workspace
from campaigngen.studio.people import allowed
from campaigngen.studio.security import csrf_checked


def languages_page(request: Request, status: int = 200, done: str | None = None, refused=None):
    listed = workspace(request).campaigns()
    rows = installing.language_status([item.campaign for item in listed if item.campaign is not None])
    return page(
        request,
        "languages.html",
        status,
        rows=rows,
        done=done,
        refused=str(refused) if refused else None,
        refused_detail=getattr(refused, "detail", "") if refused else "",
        max_mb=installing.MAX_INSTALL_BYTES >> 20,
    )


async def _installed(request: Request, install, *args):
    try:
        installed = await run_in_threadpool(install, *args)
    except installing.InstallRefused as refused:
        return await run_in_threadpool(languages_page, request, 422, None, refused)
    return await run_in_threadpool(languages_page, request, 200, installed.said)


def _file(form, name: str) -> UploadFile | None:
    upload = form.get(name)
    return upload if isinstance(upload, UploadFile) and upload.filename else None


@csrf_checked
@allowed("install")
async def install_model(request: Request):
    form = await request.form(max_files=1, max_fields=4)
    upload = _file(form, "file")
    if upload is None:
        return await run_in_threadpool(
            languages_page, request, 422, None, installing.InstallRefused("Choose the model file first.")
        )
    return await _installed(request, installing.install_model_upload, upload.file)


@csrf_checked
@allowed("install")
async def install_voice(request: Request):
    form = await request.form(max_files=2, max_fields=4)
    voice, settings = _file(form, "voice"), _file(form, "settings")
    if voice is None or settings is None:
        return await run_in_threadpool(
            languages_page,
            request,
            422,
            None,
            installing.InstallRefused("Choose both files of the voice: the voice itself and its settings file."),
        )
    return await _installed(request, installing.install_voice_upload, voice.file, voice.filename or "", settings.file)
