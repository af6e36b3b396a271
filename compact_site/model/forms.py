"""Procedures (dispute resolution) and agreement forms."""
from __future__ import annotations

from typing import Literal, Optional

from pydantic import model_validator
from pydantic_core import PydanticCustomError

from compact_site.model.base import Id, Label, Node, Number, Text, no_items
from compact_site.model.people import Contact
from compact_site.model.text import ItemOrText

FieldKind = Literal["text", "name", "organisation", "role", "address", "postcode", "telephone", "email",
                    "date", "signature", "choice"]
"""What a form field asks for; decides the input type, autocomplete hint and printed space."""


class Step(Node):
    """One stage of a procedure ('Stage 1: Talk to each other.'). Citable: anchor `clause-<id>`."""

    id: Id
    """Permanent id, e.g. 'stage-1'."""
    number: Optional[Number] = None
    """Stage number, if printed separately from the title."""
    title: Label
    """The stage's name as printed ('Stage 1', 'Stage Two - Formal')."""
    text: Text
    """What happens at this stage."""


class Procedure(Node):
    """An ordered procedure, such as resolving disagreements, with its contacts."""

    id: Id
    """Permanent id; the anchor is `procedure-<id>`."""
    number: Optional[Number] = None
    """Section number, if the source numbers it ('6')."""
    heading: Label
    """Heading as printed ('Section 6 - Resolution of Disagreements')."""
    intro: Optional[Text] = None
    """Text before the stages."""
    steps_heading: Optional[Label] = None
    """Sub-heading over the stages ('The process')."""
    steps_intro: Optional[Text] = None
    """Text between that sub-heading and the stages."""
    steps: list[Step] = no_items()
    """The stages, in order."""
    contacts: list[Contact] = no_items()
    """Bodies to contact, in source order."""
    after: Optional[Text] = None
    """Text after the stages and contacts."""

    @model_validator(mode="after")
    def _has_content(self) -> "Procedure":
        if not (self.intro or self.steps):
            raise PydanticCustomError("CS106", "a procedure needs 'intro' or 'steps'")
        return self


class FormField(Node):
    """One thing the signing organisation fills in."""

    id: Id
    """Permanent id (used for the input's name)."""
    label: Label
    """The label as printed ('Our Name Is', 'Post Code')."""
    kind: FieldKind
    """What is asked for: text, name, organisation, role, address, postcode, telephone, email, date,
    signature or choice."""
    options: list[Label] = no_items()
    """Tick options (only for kind 'choice')."""
    other: Optional[Label] = None
    """An extra tick option that takes written text ('Other (please specify)'); only for 'choice'."""
    multiple: bool = False
    """For 'choice': may more than one option be ticked."""
    required: bool = False
    """Must it be filled in."""

    @model_validator(mode="after")
    def _options_fit_kind(self) -> "FormField":
        if self.kind == "choice" and not self.options:
            raise PydanticCustomError("CS406", "a 'choice' field needs 'options'")
        if self.kind != "choice" and (self.options or self.other):
            raise PydanticCustomError("CS406", "only a 'choice' field has 'options' or 'other' (this is '{kind}')",
                                      {"kind": self.kind})
        return self


class ReturnAddress(Node):
    """Where a completed form goes."""

    intro: Optional[Label] = None
    """The instruction as printed ('Please complete this form and return to:')."""
    lines: list[Label]
    """Address lines; write [illegible in source] for what cannot be read."""


class Form(Node):
    """A form by which an organisation joins the compact."""

    id: Id
    """Permanent id; the form's page is `/<compact>/form/<id>/`."""
    title: Label
    """The form's title as printed ('A Compact for Sandwell - Statement of Intent')."""
    heading: Optional[Label] = None
    """A section heading printed above the title ('Section 9 - Statement of Intent')."""
    intro: Optional[Text] = None
    """The statement the signer agrees to."""
    commitments_intro: Optional[Label] = None
    """Words before the commitments ('My organisation')."""
    commitments: list[ItemOrText] = no_items()
    """What the organisation commits to, as a list."""
    fields: list[FormField] = no_items()
    """The fields to fill in, in order."""
    return_address: Optional[ReturnAddress] = None
    """Where to send the completed form."""
