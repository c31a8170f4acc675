"""The studio's pages, one module per page: their handlers read ids from the address (checked
in places.py), call the pipeline's own functions, and render a template; none of them makes
or checks anything itself. `studio/routes.py` maps addresses to them.

    campaigns.py  the campaigns, a new campaign
    campaign.py   the campaign form (campaign.toml), recordings
    translate.py  translating a language, machine drafts
    preview.py    flyers and spots as they will be made
    check.py      findings, waivers, publishing, releases
    base.py       what every handler uses
"""
