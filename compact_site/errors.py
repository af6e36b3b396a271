"""The error catalogue and the one format every problem is reported in.

A *problem* is something wrong with a council's content. Each has a code from :data:`CATALOGUE`, a
``file:line`` location, the thing concerned (a clause, a field) and a fix. The catalogue is the single
source for the guide's troubleshooting page (``compact-site errors``), so codes, meanings and fixes
cannot drift from the code that raises them.

Format, everywhere (CLI, MkDocs build, tests)::

    content/sandwell.yml:42: clause '3.1': duplicate id (first at line 17) [CS201]
        fix: give each clause its own id; ids never change once published, so rename the new one.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class ErrorCode:
    """One entry of the catalogue: what the code means and how an author fixes it."""

    code: str
    name: str
    meaning: str
    fix: str
    severity: Severity = "error"


_ENTRIES = [
    # Reading the file
    ErrorCode("CS001", "yaml-syntax", "The file is not valid YAML.",
              "Check the line shown and the one above it: indent with spaces (never tabs), close every quote, "
              "and put a space after each colon."),
    ErrorCode("CS002", "duplicate-key", "The same key appears twice in one mapping; YAML would silently keep "
              "only the last value.", "Delete one of the two, or merge their values."),
    ErrorCode("CS003", "not-a-compact", "The file is empty or is not a mapping of keys to values.",
              "Start from `compact-site new SLUG`: a compact file is a set of `key: value` lines such as "
              "`slug:`, `title:` and `sections:`."),
    ErrorCode("CS004", "encoding", "The file is not UTF-8 text.",
              "Save the file as UTF-8 (in most editors: Save As, Encoding: UTF-8)."),
    ErrorCode("CS005", "unsafe-yaml", "The file uses a YAML tag (such as `!!python/object`) or structure that "
              "is not allowed in content.", "Remove the tag: content holds only text, numbers, lists and "
              "mappings."),
    ErrorCode("CS006", "file-unreadable", "The file or folder could not be read.",
              "Check the path exists and that you may read it."),
    ErrorCode("CS007", "file-too-large", "The file is larger than the limit for one compact file (5 MB; "
              "the largest real compact is under 50 kB), so it is not read at all.",
              "Split the content or remove what was pasted by mistake (an embedded image, a whole document)."),
    ErrorCode("CS008", "yaml-alias", "The file uses a YAML anchor or alias (`&name`, `*name`, `<<: *name`). "
              "Content never needs them, and nested aliases can make a tiny file expand without limit.",
              "Write the repeated text out in full where it is needed."),
    # Shape of the content
    ErrorCode("CS101", "unknown-key", "A key that the compact format does not have (often a misspelling).",
              "Correct the spelling or remove the key; the field reference in the guide lists every key."),
    ErrorCode("CS102", "missing-field", "A required field is missing.", "Add the field shown."),
    ErrorCode("CS103", "wrong-type", "A value is of the wrong kind (for example a list where text is "
              "expected).", "Give a value of the kind shown; put text that starts with a special character "
              "in quotes."),
    ErrorCode("CS104", "invalid-choice", "A value is not one of the allowed choices.",
              "Use one of the choices listed in the message."),
    ErrorCode("CS105", "empty-text", "A text field is empty.", "Write the text, or remove the field if it "
              "is optional."),
    ErrorCode("CS106", "invalid-value", "A value breaks a rule of the format (see the message).",
              "Change the value as the message says."),
    ErrorCode("CS107", "to-review", "A `review:` entry: something to check before publishing, such as a guess "
              "the importer made. The file is not ready to publish while any is left.",
              "Check this against the source document, then delete the review entry: deleting it is your sign-off.",
              "warning"),
    ErrorCode("CS108", "format-version", "The file's `format:` is a version of the compact format newer than "
              "this compact-site reads (a file written for a later release).",
              "Upgrade compact-site to a release that reads that format, then validate again. Do not lower the "
              "number by hand: the file may use what older releases cannot read."),
    # Identity
    ErrorCode("CS201", "duplicate-id", "Two clauses (or other citable items) in one compact share an id.",
              "Give each its own id. Ids never change once published, so rename the one added last."),
    ErrorCode("CS202", "malformed-id", "An id is not lower-case letters and digits separated by single dots "
              "or hyphens.", "Use ids like `3.4` or `s4-vcs-1`: lower case, digits, `.` or `-` between parts."),
    ErrorCode("CS203", "slug-mismatch", "A compact's slug differs from its file name; the slug is its "
              "address, so the two must agree.", "Rename the file to `<slug>.yml`, or correct the slug."),
    ErrorCode("CS204", "duplicate-slug", "Two compact files have the same slug.",
              "Each compact needs its own slug; rename one of them."),
    ErrorCode("CS205", "reserved-slug", "The slug is the address of a page the site makes itself (glossary, "
              "signatories, search, assets, clause, index, compare, accessibility, schema, changes, editions), or "
              "ends like a file it writes (.html, .xml, .json, .csv).",
              "Choose another slug, e.g. add the area's name."),
    ErrorCode("CS501", "ledger-unresolved", "An anchor that this site has published (listed in "
              "`content/published-anchors.txt`) no longer exists: links that partners made to it would break.",
              "Restore the clause, or say what happened to it: list its id under `former_ids` of the clause it "
              "moved or merged into, or under `withdrawn:` with a date and reason. Never delete ledger lines.",
              "warning"),
    ErrorCode("CS502", "ledger-malformed", "A line of `content/published-anchors.txt` is not "
              "`<slug>/#clause-<id> <slug>/clause/<id>/`.", "Regenerate the file with `compact-site anchors update`."),
    # Dates
    ErrorCode("CS301", "invalid-date", "A date is not `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, or does not exist.",
              "Write the date as `2011`, `2011-07` or `2011-07-14`, as precise as the source allows."),
    ErrorCode("CS302", "date-order", "Dates are in an impossible order (for example a review before "
              "adoption).", "Check both dates against the source document."),
    # Links between things
    ErrorCode("CS401", "unresolved-reference", "A cross-reference names a clause that does not exist.",
              "Check the id (not the number) of the clause, e.g. `[[2.1]]` or `[[sandwell:s4-vcs-1]]`.",
              "warning"),
    ErrorCode("CS402", "unknown-compact", "A cross-reference names a compact that is not in `content/`.",
              "Check the compact's slug (its file name without `.yml`).", "warning"),
    ErrorCode("CS407", "reference-needs-compact", "A cross-reference in a hand-written page does not say which "
              "compact it means, and the site has several.", "Name the compact: `[[sandwell:2.1]]`, not `[[2.1]]`.",
              "warning"),
    ErrorCode("CS408", "unknown-term", "An explicit glossary reference `[[glossary:id]]` names a term that is "
              "in neither the compact's glossary nor the site's (`content/glossary.yml`).",
              "Check the term's id (shown in its anchor, `term-<id>`), or add the term to a glossary.", "warning"),
    ErrorCode("CS410", "unsafe-link", "A hand-written page links to an address that could run code in the "
              "reader's browser (`javascript:`, `data:`, `vbscript:`, `file:` and other schemes).",
              "Link to an `https:`, `http:`, `mailto:` or `tel:` address, or to a page of the site. Until then the "
              "link points nowhere (`#`).", "warning"),
    ErrorCode("CS412", "dangling-fragment-link", "A link in a page fragment (a template in the theme's "
              "`custom_dir` under `compact-site/`) points to no page or file of the site, or to an anchor the page "
              "does not have. MkDocs checks the links of Markdown only, so the plugin checks these.",
              "Correct the `href` in the fragment named. Fragment links are final addresses relative to the page "
              "showing them (`../glossary/`, `#clause-2.1`), not Markdown files (`glossary.md`).", "warning"),
    ErrorCode("CS413", "superseded-by-unknown", "A compact's `superseded_by` names no other compact of the site, "
              "so its page could not link to the compact that replaced it.",
              "Give the slug of the compact that replaced it (its file name without `.yml`), or remove "
              "`superseded_by`. A newer text of the same compact is an edition: `compact-site edition freeze`."),
    ErrorCode("CS414", "superseded-by-status", "A compact names the compact that replaced it (`superseded_by`), but "
              "its status is not `superseded`.", "Set `status: superseded`, or remove `superseded_by` if the "
              "compact still stands.", "warning"),
    ErrorCode("CS409", "withdrawn-reference", "A cross-reference points at a clause that has been withdrawn.",
              "Point it at the clause that replaced it, or remove the reference.", "warning"),
    ErrorCode("CS411", "unknown-note-target", "An editorial note's `applies_to` names an id that is neither a "
              "clause nor a section of this compact.", "Check the id (not the number) of the clause or section, "
              "e.g. `applies_to: [\"2.1\"]`, or remove it from the list."),
    ErrorCode("CS403", "unknown-footnote", "Text uses a footnote marker `[^name]` that is not defined in "
              "`footnotes`.", "Add the footnote under `footnotes:` or correct the marker."),
    ErrorCode("CS404", "unused-footnote", "A footnote is defined but no text refers to it.",
              "Add `[^name]` where the footnote belongs, or remove the footnote.", "warning"),
    ErrorCode("CS405", "unknown-party", "An undertaking group names a party that the compact does not list "
              "under `parties`.", "Add the party to `parties:` or use one that is listed (or `all`)."),
    ErrorCode("CS406", "form-options", "A form field's options do not fit its kind: a `choice` field needs "
              "`options`, other kinds must not have them.", "Add `options:` to the choice field, or remove "
              "them from the other field."),
    # Editions (`compact-site edition freeze` and the recheck of content/editions/ on every load)
    ErrorCode("CS801", "edition-unknown-compact", "`edition freeze` names a compact that is not in the content "
              "folder.", "Give the compact's slug: its file name without `.yml` (`compact-site validate` lists "
              "them), and `--content` if your compacts are not in `content/`."),
    ErrorCode("CS802", "edition-date", "An edition's date is not a full, real date written `YYYY-MM-DD`.",
              "Write the day the edition was adopted or published, e.g. `--date 2011-07-14`."),
    ErrorCode("CS803", "edition-exists", "An edition of this compact is already frozen on that date.",
              "A frozen edition never changes: choose the date of the new edition, or leave the existing one."),
    ErrorCode("CS804", "edition-not-valid", "The current file has errors (listed above), so it cannot be "
              "frozen: an archived text must never need fixing.",
              "Fix the errors listed, check with `compact-site validate`, then freeze again."),
    ErrorCode("CS805", "edition-edited", "A frozen edition was edited after it was frozen: its SHA-256 no "
              "longer matches the one recorded in `editions.yml`.",
              "Restore the file with `git checkout -- <file>`, or put the change in the current file and "
              "freeze a new edition."),
    ErrorCode("CS806", "edition-missing", "`editions.yml` records an edition whose file is missing.",
              "Restore the file with `git checkout -- <file>`: an edition is never deleted once frozen."),
    ErrorCode("CS807", "edition-record", "`editions.yml` (the record of a compact's frozen editions) cannot be "
              "read, or an entry lacks its date, status or 64-digit sha256.",
              "Restore it with `git checkout -- <file>`: it is written only by `compact-site edition freeze`."),
    ErrorCode("CS808", "edition-unrecorded", "A file in `content/editions/` that no `editions.yml` records: "
              "it was copied there by hand, so nothing vouches for it.",
              "Delete it and freeze the edition with `compact-site edition freeze <slug> --date YYYY-MM-DD`; "
              "compact files being edited belong directly in `content/`."),
    ErrorCode("CS809", "edition-id-lost", "A clause id of a frozen edition is not in the current text: not a "
              "clause there, not among a clause's `former_ids`, and not `withdrawn`. Links to it would break.",
              "Say what happened to it in the current file: list it under `withdrawn:` (with date and reason), or "
              "add it to `former_ids` of the clause it became. Never reuse it for another clause."),
    ErrorCode("CS810", "edition-no-compact", "A folder of frozen editions names a compact the content folder "
              "does not have, so its editions would be published nowhere.",
              "Restore the compact's current file (`content/<slug>.yml`), or rename the folder to the compact's "
              "slug if the compact was renamed."),
    ErrorCode("CS811", "edition-undated", "The current text states no date after its newest frozen edition, so "
              "readers and feeds cannot tell when the current edition took effect.",
              "Set `dates.refreshed` (or `dates.adopted`) in the current file to the date of this edition.",
              "warning"),
    # The site's settings (the compact plugin's options in mkdocs.yml)
    ErrorCode("CS601", "contact-email", "A contact email in the compact plugin's options (`accessibility_contact_email` "
              "or `accessible_format_contact_email` in `mkdocs.yml`) is not one email address, so readers could not "
              "write to it.", "Write the address alone, such as `compact@northtown.gov.uk`: no name, no `mailto:`, "
              "no spaces, no quotes. Put the team's name in the matching `..._name` option. Or remove the option."),
    # Importing a Word document, PDF or text file (`compact-site import`): the file is named, without a line
    ErrorCode("CS701", "import-unreadable", "The file to import could not be read.",
              "Check the path, and that the file is not open in another program."),
    ErrorCode("CS702", "import-binary-text", "A file named as text holds binary data.",
              "Import the Word document (.docx) or PDF itself, or save it from Word as Plain Text (.txt)."),
    ErrorCode("CS703", "import-unsupported", "The import reads Word documents (.docx), PDFs with text, and "
              ".txt or .md files; not legacy Word (.doc), OpenDocument (.odt) or other formats.",
              "Open the file in Word or LibreOffice and use File > Save As > Word Document (.docx), then import "
              "the .docx."),
    ErrorCode("CS704", "import-no-text-layer", "The PDF has no text to read: it is a scan or pictures of pages.",
              "Import the Word document it was made from; failing that, run it through text recognition (OCR) "
              "in a PDF program, check the text, and import the result."),
    ErrorCode("CS705", "import-damaged", "The file is damaged, or is not what its name says (a text file named "
              ".docx, a zip that is not a Word document).", "Open it in Word (or a PDF reader) and save it again; "
              "if it is plain text, rename it to .txt."),
    ErrorCode("CS706", "import-encrypted", "The PDF is protected by a password.",
              "Import the Word document it was made from, or save the PDF again without a password."),
    ErrorCode("CS707", "import-too-large", "The file is larger than the import reads, or would unpack to far "
              "more than it holds (a damaged or hostile file).", "Open it in Word and save it again (without "
              "pictures, if it is very large), then import the saved copy."),
    ErrorCode("CS708", "import-empty", "The file is empty or has no text.",
              "Check you chose the right file, and that it was saved."),
]

CATALOGUE: dict[str, ErrorCode] = {entry.code: entry for entry in _ENTRIES}


@dataclass(frozen=True, order=True)
class Problem:
    """One fault in the content, located and explained."""

    file: str
    line: int
    code: str
    message: str
    subject: str = ""
    detail: str = field(default="", compare=False)

    @property
    def entry(self) -> ErrorCode:
        return CATALOGUE[self.code]

    @property
    def severity(self) -> Severity:
        return self.entry.severity

    def headline(self) -> str:
        """The first line: ``file:line: subject: message [code]``."""
        where = f"{self.file}:{self.line}" if self.line else self.file
        subject = f"{self.subject}: " if self.subject else ""
        return f"{where}: {subject}{self.message} [{self.code}]"

    def format(self) -> str:
        """Headline plus the fix, as shown to authors."""
        return f"{self.headline()}\n    fix: {self.detail or self.entry.fix}"


class ContentError(Exception):
    """Raised when content has errors; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.problems)
        lines = [p.format() for p in self.problems]
        lines.append(f"{count} error{'s' if count != 1 else ''} in content; nothing was built.")
        return "\n".join(lines)


def catalogue_markdown() -> str:
    """The catalogue as a Markdown table, for the guide's troubleshooting page."""
    rows = ["| Code | Name | Severity | Meaning | How to fix |", "|---|---|---|---|---|"]
    for entry in _ENTRIES:
        rows.append(f"| {entry.code} | {entry.name} | {entry.severity} | {entry.meaning} | {entry.fix} |")
    return "\n".join(rows) + "\n"
