"""Markdown for the people and paperwork of a compact: procedures, partners, steering group,
signatories, forms and editorial notes. Plain forms here; later issues make them richer."""
from __future__ import annotations

from typing import Callable, Optional

from compact_site.model import Compact, Contact
from compact_site.text.author_text import inline

Md = Callable[[Optional[str]], list[str]]  # author text -> page lines
Bullets = Callable[[list[str]], list[str]]  # one-line items (made safe) -> the lines of a bulleted list
SECTOR_NAMES = {"statutory": "Statutory sector", "vcs": "Voluntary and community sector",
                "private": "Private sector", "unknown": "Sector not stated"}
NOTE_KINDS = {"correction": "Corrected from the source", "missing": "Missing from the source",
              "wording": "Source wording kept", "structure": "How the text is arranged"}


def _heading(level: int, text: str, anchor: str) -> list[str]:
    return [f"{'#' * level} {inline(text)} {{ #{anchor} }}", ""]


def render_contact(contact: Contact, md: Md) -> list[str]:
    lines = md(contact.intro)
    rows = [f"**{inline(contact.name)}**" + (f" – {inline(contact.note)}" if contact.note and not contact.website
                                              else "")]
    rows += [inline(line) for line in contact.address]
    for label, value in [("Helpline", contact.helpline), ("Telephone", contact.telephone), ("Email", contact.email),
                         ("Website", contact.website)]:
        if value:
            suffix = f" - {inline(contact.note)}" if label == "Website" and contact.note else ""
            rows.append(f"{label} {inline(value)}{suffix}")
    anchor = f' id="contact-{contact.id}"' if contact.id else ""
    return lines + [f'<address class="compact-contact"{anchor} markdown="1">', "", "  \n".join(rows), "",
                    "</address>", ""]


def render_procedures(compact: Compact, md: Md, steps: Callable[[list], list[str]]) -> list[str]:
    """Each procedure: headings and prose, its stages by ``steps`` (the page's procedure-steps fragment)."""
    lines: list[str] = []
    for proc in compact.procedures:
        title = f"{proc.number}. {proc.heading}" if proc.number else proc.heading
        lines += _heading(2, title, f"procedure-{proc.id}") + md(proc.intro)
        if proc.steps_heading:
            lines += _heading(3, proc.steps_heading, f"procedure-{proc.id}-steps")
        lines += md(proc.steps_intro)
        if proc.steps:
            lines += steps(proc.steps)
        for contact in proc.contacts:
            lines += render_contact(contact, md)
        lines += md(proc.after)
    return lines


def _bullets(items: list[str]) -> list[str]:
    return [f"- {item}" for item in items] + [""]


def render_partners(compact: Compact, md: Md, bullets: Bullets = _bullets) -> list[str]:
    partners = compact.partners
    if partners is None:
        return []
    lines = _heading(2, partners.heading or "Partners", "partners") + md(partners.intro)
    lines += bullets([inline(org.name) for org in partners.items])
    return lines + md(partners.after)


def render_steering_group(compact: Compact, md: Md) -> list[str]:
    group = compact.steering_group
    if group is None:
        return []
    lines = _heading(2, group.heading or "Steering group", "steering-group") + md(group.intro)
    for position, sector in enumerate(group.groups, 1):
        lines += _heading(3, sector.heading or SECTOR_NAMES[sector.sector], f"steering-group-{position}")
        current = None
        for member in sector.members:
            if member.organisation and member.organisation != current and member.role:
                lines += ["", f"**{inline(member.organisation)}**", ""]
                current = member.organisation
            words = [member.name, member.role] if member.role else [member.name, member.organisation]
            lines.append("- " + ", ".join(inline(w) for w in words if w))
        lines.append("")
    return lines


def render_signatories(compact: Compact, md: Md, register: bool = True, bullets: Bullets = _bullets) -> list[str]:
    """The signatories as printed; ``register``: point to the compact's register page, which lists them by sector
    (not from a past edition, whose signatories may differ)."""
    sigs = compact.signatories
    if sigs is None:
        return []
    lines = _heading(2, sigs.heading or "Signatories", "signatories") + md(sigs.intro)
    if not sigs.items:
        return lines + ["The source document records no signatories.", ""]
    lines += bullets([inline(s.printed) for s in sigs.items])
    return lines + (["As printed in the source. The [register](signatories.md) lists them by sector.", ""] if register
                    else ["As printed in the source.", ""])


def render_forms(compact: Compact, md: Md, on_site: bool = False) -> list[str]:
    lines: list[str] = []
    for form in compact.forms:
        if form.heading:
            lines += _heading(2, form.heading, f"form-{form.id}-section")
        lines += _heading(2 if not form.heading else 3, form.title, f"form-{form.id}")
        if on_site:
            lines += [f"**[Fill in and print this form](form/{form.id}.md)**", "{: .compact-form-link }", ""]
        lines += md(form.intro)
        if form.commitments_intro:
            lines += [inline(form.commitments_intro), ""]
        lines += [f"- {md(item.text)[0]}" for item in form.commitments] + ([""] if form.commitments else [])
        for field in form.fields:
            options = [*field.options, *([field.other] if field.other else [])]
            lines.append(f"- **{inline(field.label)}**" + (": " + "; ".join(inline(o) for o in options)
                                                           if options else ""))
        lines.append("")
        if form.return_address:
            ret = form.return_address
            rows = ([inline(ret.intro)] if ret.intro else []) + [inline(line) for line in ret.lines]
            lines += ["  \n".join(rows), ""]
    return lines


def note_lines(notes: list, md: Md) -> list[str]:
    """Editorial notes as a Markdown list, each led by its kind. One rendering wherever a note shows: the
    compact's "About this text", a clause's identifier page, a section the source cuts off."""
    return [f"- **{NOTE_KINDS[note.kind]}:** " + md(note.text)[0].replace("\n", "\n    ") for note in notes]


def notes_about(compact: Compact, ident: str) -> list:
    """The editorial notes that apply to one clause or section (``applies_to``)."""
    return [note for note in compact.editorial_notes if ident in note.applies_to]


def render_notes(compact: Compact, md: Md) -> list[str]:
    if not compact.editorial_notes:
        return []
    return _heading(2, "About this text", "about-this-text") + note_lines(compact.editorial_notes, md) + [""]
