"""A printable, fillable page per agreement form: ``/<slug>/form/<id>/``.

On screen an accessible HTML form (labels, fieldset and legend for tick options, autocomplete hints) that
sends nothing anywhere; in print (``print.css``) one A4 page where typed values print, empty fields print
as writing lines and the signature as a box.
"""
from __future__ import annotations

from html import escape

from compact_site.model import Compact, Form, FormField
from compact_site.text.author_text import inline, markdown

# Autocomplete tokens from the HTML standard; never on tick boxes (the Nu checker rejects that).
AUTOCOMPLETE = {"name": "name", "organisation": "organization", "role": "organization-title",
                "address": "street-address", "postcode": "postal-code", "telephone": "tel", "email": "email"}
INPUT_TYPE = {"email": "email", "telephone": "tel"}


def form_page_uri(slug: str, form_id: str) -> str:
    """Source path of a form's page; served at ``/<slug>/form/<id>/``."""
    return f"{slug}/form/{form_id}.md"


def _input(field: FormField, field_id: str) -> str:
    required = " required" if field.required else ""
    auto = f' autocomplete="{AUTOCOMPLETE[field.kind]}"' if field.kind in AUTOCOMPLETE else ""
    if field.kind == "address":
        return f'<textarea id="{field_id}" name="{escape(field.id)}" rows="3"{auto}{required}></textarea>'
    kind = INPUT_TYPE.get(field.kind, "text")
    extra = ' inputmode="numeric" placeholder="DD/MM/YYYY"' if field.kind == "date" else ""
    return f'<input id="{field_id}" name="{escape(field.id)}" type="{kind}"{auto}{extra}{required}>'


def _choice(field: FormField, field_id: str) -> list[str]:
    kind = "checkbox" if field.multiple else "radio"
    lines = [f'<fieldset class="compact-field compact-field--choice"><legend>{escape(field.label)}</legend>',
             '<div class="compact-choice">']
    for number, option in enumerate(field.options, 1):
        option_id = f"{field_id}-{number}"
        lines.append(f'<span class="compact-choice__option"><input type="{kind}" id="{option_id}" '
                     f'name="{escape(field.id)}" value="{escape(option)}"><label for="{option_id}">'
                     f'{escape(option)}</label></span>')
    if field.other:
        other_id = f"{field_id}-other"
        lines.append(f'<span class="compact-choice__option compact-choice__option--other"><input type="{kind}" '
                     f'id="{other_id}" name="{escape(field.id)}" value="other"><label for="{other_id}">'
                     f'{escape(field.other)}</label> <input type="text" id="{other_id}-text" '
                     f'name="{escape(field.id)}-other" aria-label="{escape(field.other)}: details"></span>')
    return lines + ["</div>", "</fieldset>"]


def _field(field: FormField, form: Form) -> list[str]:
    field_id = f"{form.id}-{field.id}".replace(".", "-")
    if field.kind == "choice":
        return _choice(field, field_id)
    if field.kind == "signature":
        return [f'<div class="compact-field compact-field--signature"><span class="compact-field__label" '
                f'id="{field_id}-label">{escape(field.label)}</span><div class="compact-signature" role="img" '
                f'aria-labelledby="{field_id}-label {field_id}-hint"></div><span class="compact-field__hint" '
                f'id="{field_id}-hint">Sign here by hand after printing.</span></div>']
    wide = " compact-field--wide" if field.kind in ("address", "organisation") else ""
    return [f'<div class="compact-field compact-field--{field.kind}{wide}"><label for="{field_id}">'
            f'{escape(field.label)}</label>{_input(field, field_id)}</div>']


def form_markdown(compact: Compact, form: Form, other_formats: tuple[str, ...] = ()) -> str:
    """The form's page; ``other_formats``: the Markdown lines saying how to ask for it in another format (the
    placeholder of its accessible-format fragment), under the print button."""
    lines = [f"# {inline(form.title)}", "", f'<p class="compact-form__compact">{escape(compact.title)}</p>', ""]
    lines += ['<p class="compact-form__print" hidden><button type="button" class="compact-print">Print this form'
              '</button> Nothing you type is sent anywhere: fill in the form, print it, sign it and send it to '
              'the address at the end.</p>', "", *other_formats]
    lines += [markdown(form.intro), ""] if form.intro else []
    if form.commitments_intro:
        lines += [inline(form.commitments_intro), ""]
    lines += [f"- {markdown(item.text)}" for item in form.commitments] + ([""] if form.commitments else [])
    lines += [f'<form class="compact-form" id="form-{form.id}" aria-label="{escape(form.title)}" action="#" '
              f'autocomplete="on">']
    for field in form.fields:
        lines += _field(field, form)
    lines += ["</form>", ""]
    if form.return_address:
        address = form.return_address
        rows = ([f"<strong>{escape(address.intro)}</strong>"] if address.intro else []) + [
            escape(line) for line in address.lines]
        lines += [f'<address class="compact-form__return">{"<br>".join(rows)}</address>', ""]
    lines += [f"[Back to the {inline(compact.title)}](../index.md#form-{form.id})", "{: .compact-form__back }", ""]
    return "\n".join(lines)
