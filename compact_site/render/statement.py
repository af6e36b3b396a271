"""The accessibility statement (``/accessibility/``) that the Public Sector Bodies (Websites and Mobile
Applications) (No. 2) Accessibility Regulations 2018 require, following the sections of the GOV.UK model
statement: standard, how the site was tested, known limitations, feedback and contact, enforcement.

Generic on purpose: it says what each build is checked with, never a result, so it cannot go stale. The
contact comes from the plugin options ``accessibility_contact_name`` and ``accessibility_contact_email``, and
the one for other formats from ``accessible_format_contact_email`` and ``_name`` when they name someone else.
No MkDocs imports.
"""
from __future__ import annotations

from typing import Optional
from urllib.parse import quote

from compact_site.render.downloads import FormatContact
from compact_site.text.author_text import inline

STATEMENT_URI = "accessibility.md"
"""Served at ``/accessibility/`` (``accessibility.html`` in an intranet copy)."""

EASS_URL = "https://www.equalityadvisoryservice.com/"


def _contact(name: Optional[str], email: Optional[str]) -> list[str]:
    """The "feedback and contact" paragraph: the configured contact, or the site owner when none is set."""
    if email:
        who = f"{inline(name)} at " if name else ""
        address = quote(email.strip(), safe="@.+-_")
        return [f"To report a problem or ask for content in a different format, email {who}"
                f"[{inline(email.strip())}](mailto:{address}). Say which page (its address) and what you were "
                "trying to do.", ""]
    if name:
        return [f"To report a problem or ask for content in a different format, contact {inline(name)}, who "
                "looks after this website. Say which page (its address) and what you were trying to do.", ""]
    return ["To report a problem or ask for content in a different format, contact the organisation that "
            "publishes this website. Say which page (its address) and what you were trying to do.", ""]


def _format_contact(contact: Optional[FormatContact], accessibility_email: Optional[str]) -> list[str]:
    """Where to ask for another format, when the site names someone other than the accessibility contact."""
    if contact is None or contact.email == (accessibility_email or "").strip():
        return []
    who = f"{inline(contact.name)} at " if contact.name else ""
    return [f"To ask for a compact, form or register in another format (such as large print, easy read, audio "
            f"or braille), email {who}[{inline(contact.email)}](mailto:{quote(contact.email, safe='@.+-_')}). "
            "Tell us what format you need and which page it is.", ""]


def statement_markdown(site_name: str, contact_name: Optional[str] = None, contact_email: Optional[str] = None,
                       format_contact: Optional[FormatContact] = None) -> str:
    """The statement's Markdown for the site called ``site_name``; ``format_contact``: who readers ask for
    another format (plugin option ``accessible_format_contact_email``), named when it is someone else."""
    site = inline(site_name or "this website")
    # No definition buttons here: the regulations' title and the site's name are not uses of glossary terms.
    lines = [
        "# Accessibility statement", "", '<div data-compact-noterms markdown="1">', "",
        f"This statement applies to {site}. We want as many people as possible to be able to use it. You "
        "should be able to:", "",
        "- zoom in up to 400% without the text spilling off the screen",
        "- read every page at a width of 320 pixels without scrolling sideways",
        "- move around every page using just a keyboard, and see where you are",
        "- open a copy saved on a file share without an internet connection: no page loads anything from "
        "another website", "",
        "## Standard", "",
        "The site is built to meet the [Web Content Accessibility Guidelines (WCAG) version 2.2]"
        "(https://www.w3.org/TR/WCAG22/) at level AA, the standard that the Public Sector Bodies (Websites "
        "and Mobile Applications) (No. 2) Accessibility Regulations 2018 require.", "",
        "## How this website is tested", "",
        "Each version of the site is checked before it is published. The checks run in a real web browser, "
        "on the site served from a web server and on a copy opened from a file share:", "",
        "- **Automated accessibility testing** with axe-core against the WCAG 2.0, 2.1 and 2.2 A and AA "
        "rules, on every kind of page (home page, compact, clause, glossaries, registers of signatories, "
        "search, forms, the page shown for a missing address, and this statement), once as each page loads "
        "and once with every definition, expandable section and menu open.",
        "- **Keyboard testing**: pressing Tab through every kind of page must reach each link and button in "
        "reading order, show where focus is, and never leave focus stuck.",
        "- **Reflow**: every kind of page is checked at a width of 320 pixels for sideways scrolling.",
        "- **Valid HTML**: every page is checked with the Nu Html Checker (the W3C validator).",
        "- **Links**: every link between pages of the site, including links to a single clause, is checked "
        "to lead somewhere that exists.", "",
        "Automated tools find only some accessibility problems. If you find one they missed, please tell "
        "us (see below).", "",
        "## Known limitations", "",
        "- **Clause addresses** (such as `…/clause/4.2/`) show the clause and then forward to it in its "
        "place in the compact using JavaScript. Without JavaScript the clause is shown on its own with a "
        "link to read it in context.",
        "- **Definitions of terms** open beside the word using the HTML popover feature of current browsers. "
        "Browsers without it (from before 2024) do not open them: the definitions are listed at the end of "
        "the page and in the glossary instead.",
        "- **Downloads** of the registers (CSV and JSON) are data files for spreadsheets and programs; the "
        "same information is on the register pages.", "",
        "## Feedback and contact information", "",
        *_contact(contact_name, contact_email),
        *_format_contact(format_contact, contact_email),
        "## Enforcement procedure", "",
        "The Equality and Human Rights Commission (EHRC) is responsible for enforcing the Public Sector "
        "Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018 (the "
        "accessibility regulations). If you are not happy with how we respond to your complaint, contact "
        f"the [Equality Advisory and Support Service (EASS)]({EASS_URL}).", "", "</div>", "",
    ]
    return "\n".join(lines)
