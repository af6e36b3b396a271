"""The content model: a compact as immutable, typed objects. Imports nothing from MkDocs."""
from compact_site.model.base import ID_PATTERN, Node, partial_date_key
from compact_site.model.compact import Compact, Dates, EditorialNote, Footnote, Glossary, Source, Term, Withdrawn
from compact_site.model.forms import Form, FormField, Procedure, ReturnAddress, Step
from compact_site.model.people import (
    Contact,
    Member,
    MemberGroup,
    Organisation,
    Partners,
    PartyDecl,
    Signatories,
    Signatory,
    SteeringGroup,
)
from compact_site.model.text import Block, Clause, Group, Item, NamedBlock, Principles, Section, Undertakings

__all__ = [
    "ID_PATTERN", "Node", "partial_date_key", "Compact", "Dates", "EditorialNote", "Footnote", "Glossary",
    "Source", "Term", "Withdrawn", "FormField", "Form", "Procedure", "ReturnAddress", "Step", "Contact", "Member",
    "MemberGroup", "Organisation", "Partners", "PartyDecl", "Signatories", "Signatory", "SteeringGroup",
    "Block", "Clause", "Group", "Item", "NamedBlock", "Principles", "Section", "Undertakings",
]
