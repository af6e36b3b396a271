"""Who is party to a compact: parties, partners, steering group, signatories, contacts."""
from __future__ import annotations

from typing import Literal, Optional

from pydantic import model_validator
from pydantic_core import PydanticCustomError

from compact_site.model.base import Id, Label, Node, PartialDate, Text, no_items

Sector = Literal["statutory", "vcs", "private", "unknown"]
"""Statutory (public) sector, voluntary and community sector, private sector, or not stated."""


class PartyDecl(Node):
    """A sector that is party to the compact, named as the source names it."""

    sector: Literal["statutory", "vcs", "private"]
    """Which sector."""
    name: Label
    """Its name in the source ('Statutory Sector', 'Public Bodies and Agencies')."""


class Organisation(Node):
    """An organisation named as a partner."""

    name: Label
    """Its name (joined where the source broke it across lines)."""
    sector: Sector = "unknown"
    """Its sector, if the source makes it clear."""


class Partners(Node):
    """Organisations named as parties to the compact (not necessarily signatories)."""

    heading: Optional[Label] = None
    """Heading as printed."""
    intro: Optional[Text] = None
    """Text before the list."""
    items: list[Organisation] = no_items()
    """The partner organisations, in source order."""
    after: Optional[Text] = None
    """Text after the list."""


class Member(Node):
    """A steering-group seat: an organisation, a role, or a person."""

    organisation: Optional[Label] = None
    """The organisation."""
    role: Optional[Label] = None
    """The role or post, as printed."""
    name: Optional[Label] = None
    """The person, if named."""

    @model_validator(mode="after")
    def _not_empty(self) -> "Member":
        if not (self.organisation or self.role or self.name):
            raise PydanticCustomError("CS106", "a member needs an 'organisation', 'role' or 'name'")
        return self


class MemberGroup(Node):
    """Members of one sector, under the heading the source gives."""

    sector: Sector
    """Their sector."""
    heading: Optional[Label] = None
    """The heading as printed ('Statutory sector')."""
    members: list[Member] = no_items()
    """The members."""


class SteeringGroup(Node):
    """The group that oversees the compact, listed separately from partners and signatories."""

    heading: Optional[Label] = None
    """Heading as printed ('Compact Steering Group Members')."""
    intro: Optional[Text] = None
    """Text before the list."""
    groups: list[MemberGroup] = no_items()
    """Members by sector."""


class Signatory(Node):
    """Someone who signed the compact on behalf of an organisation."""

    name: Optional[Label] = None
    """The person ('Jan Britton'), if printed."""
    role: Optional[Label] = None
    """Their role ('Chief Executive')."""
    organisation: Optional[Label] = None
    """The organisation they signed for ('Sandwell Council')."""
    sector: Sector = "unknown"
    """The organisation's sector."""
    signed: Optional[PartialDate] = None
    """When they signed, if known."""
    printed: Label
    """The signatory line exactly as printed in the source."""

    @model_validator(mode="after")
    def _named(self) -> "Signatory":
        if not (self.name or self.organisation):
            raise PydanticCustomError("CS106", "a signatory needs a 'name' or an 'organisation'")
        return self


class Signatories(Node):
    """Those who signed; an empty list says the source records none."""

    heading: Optional[Label] = None
    """Heading as printed ('Section 8 - Signatories to the Compact')."""
    intro: Optional[Text] = None
    """Text before the list."""
    items: list[Signatory] = no_items()
    """The signatories in source order."""


class Contact(Node):
    """Somewhere to turn for help (an ombudsman, Compact Voice)."""

    id: Optional[Id] = None
    """Optional id; the anchor is `contact-<id>`."""
    intro: Optional[Text] = None
    """Text introducing the contact ('You can also contact Compact Voice who ...')."""
    name: Label
    """Name of the body."""
    address: list[Label] = no_items()
    """Postal address, one line per entry."""
    telephone: Optional[Label] = None
    """Telephone number as printed."""
    helpline: Optional[Label] = None
    """Helpline number as printed."""
    email: Optional[Label] = None
    """Email address."""
    website: Optional[Label] = None
    """Website as printed (with or without http://)."""
    note: Optional[Label] = None
    """A short note printed with it ('free service')."""
