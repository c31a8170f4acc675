"""The studio's addresses, each to its page's handler (`studio/pages/`)."""

from __future__ import annotations

from starlette.responses import RedirectResponse
from starlette.routing import Route

from campaigngen.studio.pages import approve, campaign, campaigns, check, languages, preview, team, translate


def routes() -> list[Route]:
    c = "/c/{cid}"
    return [
        Route("/", campaigns.campaigns),
        Route("/setup", team.setup_form, methods=["GET"]),
        Route("/setup", team.setup_create, methods=["POST"]),
        Route("/signin", team.signin_form, methods=["GET"]),
        Route("/signin", team.signin, methods=["POST"]),
        Route("/signout", team.signout, methods=["POST"]),
        Route("/people", team.people_page, methods=["GET"]),
        Route("/people", team.people_add, methods=["POST"]),
        Route("/people/password", team.password_change, methods=["POST"]),
        Route("/people/remove", team.people_remove, methods=["POST"]),
        Route("/people/role", team.people_role, methods=["POST"]),
        Route("/languages", languages.languages_page, methods=["GET"]),
        Route("/install/model", languages.install_model, methods=["POST"]),
        Route("/install/voice", languages.install_voice, methods=["POST"]),
        Route("/new", campaigns.new_form, methods=["GET"]),
        Route("/new", campaigns.new_create, methods=["POST"]),
        Route(c, lambda request: RedirectResponse(f"/c/{request.path_params['cid']}/settings", 303)),
        Route(f"{c}/settings", campaign.settings_page, methods=["GET"]),
        Route(f"{c}/settings", campaign.settings_save, methods=["POST"]),
        Route(f"{c}/upload/recording/{{tag}}", campaign.upload_recording, methods=["POST"]),
        Route(f"{c}/recording/{{tag}}/remove", campaign.remove_recording, methods=["POST"]),
        Route(f"{c}/upload/logo", campaign.upload_logo, methods=["POST"]),
        Route(f"{c}/contrast", campaign.contrast),
        Route(f"{c}/translate", translate.translate_index),
        Route(f"{c}/translate/{{tag}}", translate.translate_page),
        Route(f"{c}/translate/{{tag}}/check/{{mid}}", translate.translate_check, methods=["POST"]),
        Route(f"{c}/translate/{{tag}}/save/{{mid}}", translate.translate_save, methods=["POST"]),
        Route(f"{c}/translate/{{tag}}/draft", translate.translate_draft, methods=["POST"]),
        Route(f"{c}/approve", approve.approve_index),
        Route(f"{c}/approve/{{tag}}", approve.approve_page, methods=["GET"]),
        Route(f"{c}/approve/{{tag}}", approve.approve_lines, methods=["POST"]),
        Route(f"{c}/preview", preview.preview_page),
        Route(f"{c}/preview/panel", preview.preview_panel),
        Route(f"{c}/preview/verdict", preview.preview_verdict),
        Route(f"{c}/preview/flyer/{{tag}}/{{fmt}}.png", preview.preview_flyer),
        Route(f"{c}/preview/spot/{{tag}}/{{spot}}", preview.preview_spot),
        Route(f"{c}/preview/audio/{{key}}/{{name}}", preview.preview_spot_file),
        Route(f"{c}/check", check.check_page),
        Route(f"{c}/check/report", check.check_report),
        Route(f"{c}/waivers", check.add_waiver, methods=["POST"]),
        Route(f"{c}/waivers/remove", check.remove_waiver, methods=["POST"]),
        Route(f"{c}/publish", check.publish_start, methods=["POST"]),
        Route(f"{c}/publish/status", check.publish_status),
        Route(f"{c}/releases/{{version}}/{{path:path}}", check.release_download),
    ]
