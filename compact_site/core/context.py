"""What one build knows about its compacts, made once and handed to every renderer and export.

The indexes here span every compact (who cites whom, which terms each clause uses, which clauses of other
compacts say the same thing), so each is made once per build: nothing below receives one as an optional
argument and quietly rebuilds it (an earlier layout did, six times, and three of those dropped the site
glossary). The concordance, the one costly index (about 2.4 s at 400 compacts), is made when first asked
for: a build asks before it starts a worker process, so the worker inherits it; ``compact-site export``
never asks.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Optional

from compact_site.core.citations import Citations, LinkStyle
from compact_site.core.concordance import Concordance, entries_of
from compact_site.core.editions import Timeline, timeline
from compact_site.core.glossary import used_in
from compact_site.model import Compact, Glossary


@dataclass(eq=False)
class BuildContext:
    """The compacts of a site, its glossary, how it is addressed, and the indexes made from them."""

    compacts: list[Compact]
    glossary: Optional[Glossary] = None  # the site-wide glossary (content/glossary.yml), if any
    style: LinkStyle = field(default_factory=LinkStyle)
    # slug -> its frozen editions, oldest first, each (date, label, status, compact): see core/editions.py
    frozen: dict[str, list[tuple[str, str, str, Compact]]] = field(default_factory=dict)
    citations: Citations = field(init=False)

    def __post_init__(self) -> None:
        self.compacts = list(self.compacts)
        self.citations = Citations(self.compacts, self.glossary)

    @cached_property
    def concordance(self) -> Concordance:
        """Which clauses of other compacts say the same thing as each clause (made once, when first asked)."""
        return Concordance.build(entries_of(self.compacts))

    @cached_property
    def timelines(self) -> dict[str, Timeline]:
        """slug -> every edition of the compact, for each compact with frozen editions (the others have one)."""
        return {c.slug: timeline(c, self.frozen[c.slug]) for c in self.compacts if self.frozen.get(c.slug)}

    @cached_property
    def used_in(self) -> dict[tuple, list[tuple[str, str]]]:
        """(glossary entry source, entry id) -> the clauses using the term: it spans every compact, so once."""
        return used_in(self.compacts, self.glossary)

    def make_indexes(self) -> None:
        """Make every index now (a build does so before it may fork a worker, which then inherits them)."""
        self.concordance, self.used_in, self.timelines  # noqa: B018 (cached_property: reading one makes it)
