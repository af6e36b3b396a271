"""Atom 1.0 feeds (RFC 4287) of what is new: one for the site (``feed.xml``) and one for each compact
(``<slug>/feed.xml``), every compact's whether or not it has frozen editions, so a subscriber finds a feed at
the same address for each.

Entries, from the editions (core/editions.py); a compact's feed has all of its own, the site's the newest
:data:`SITE_ENTRIES` of them all:

* **a new compact**: its first edition, dated by the earliest date its text states (adopted, published,
  refreshed or start), else the first edition's date; a compact stating no date at all has none, for a feed
  never invents a date;
* **a new edition**: each later edition, frozen or current, dated by its date, with the counts of what changed
  and a link to the compact's changes page (``changes_url``); the current text only once it states a date after
  the newest frozen edition's (until then it is that edition, frozen and not yet edited: CS811 says so);
* **a new signatory**: one added by an edition, dated by its ``signed`` date, else that edition's; and one in the
  first edition whose ``signed`` date is after the compact's own (it joined later: ``signatory add``).

A partial date is its first day at 00:00:00Z. A feed's ``updated`` is its newest entry's: nothing here reads the
clock, so the same content gives the same bytes. A feed with no entry (a compact stating no date and no signing
date) is dated 0001-01-01, as the Akoma Ntoso export dates an undated compact (akn_meta.py), not a made-up date.

**Ids** are ``tag:`` URIs (RFC 4151), made from what an entry is, never from the build or its position:
``tag:<authority>,2026:<path>riverside/edition/2016-09``. The authority is the host of ``site_url`` (its path
starts ``<path>``), else ``compact-site.invalid``, a name no one can own. An edition's id names the date its
text states (``refreshed: 2016-09``), which freezing the text does not change, so an edition does not come
back as new when it is frozen. Setting ``site_url`` changes every id once: set it before announcing the feed.

**Links** are absolute under ``site_url``; without it they are relative to the feed's own address, which RFC 4287
allows (``href`` is an IRI reference, resolved against the document's address) and feed readers resolve: they
work wherever the site is served, at the root or under a sub-path.
"""
from __future__ import annotations

from typing import NamedTuple, Optional
from urllib.parse import quote, urlsplit

from lxml import etree
from lxml.builder import ElementMaker

from compact_site.core.context import BuildContext
from compact_site.core.editions import Changes, EditionText, Timeline, current_edition_date
from compact_site.exports.akn_meta import full_date
from compact_site.exports.editions import editions_of
from compact_site.exports.text import xml_safe
from compact_site.model import Compact
from compact_site.model.references import changes_url, edition_url, feed_path

ATOM_NS = "http://www.w3.org/2005/Atom"
FEED_TYPE = "application/atom+xml"
TAG_AUTHORITY = "compact-site.invalid"  # .invalid (RFC 2606) is no one's: ids without site_url claim no real name
TAG_DATE = "2026"  # the tag URIs' date (RFC 4151): the year compact-site first made them; never changes
NO_DATE = "0001-01-01T00:00:00Z"
SITE_ENTRIES = 100  # the site feed's newest entries (a national register's would be ~1 MB, fetched by every poll)
ARRIVAL_DATES = ("adopted", "published", "refreshed", "start")  # when a compact came to be, the earliest of them
A = ElementMaker(namespace=ATOM_NS, nsmap={None: ATOM_NS})


def timestamp(date: str) -> str:
    """An RFC 3339 time from a date as precise as the content gives it: ``2011-07`` -> ``2011-07-01T00:00:00Z``."""
    return f"{full_date(date)}T00:00:00Z"


def plural(count: int, word: str, words: Optional[str] = None) -> str:
    """'1 clause', '2 clauses'; ``words``: the plural, when it is not the word and an s."""
    return f"{count} {word if count == 1 else words or word + 's'}"


class Entry(NamedTuple):
    """One entry: its id (the part after the tag URI's prefix), kind, time, title, summary and pages (paths in the
    site): the page it is about, and another related to it (or '')."""

    key: str
    kind: str  # "compact", "edition" or "signatory": the entry's <category>
    updated: str
    title: str
    summary: str
    page: str
    related: str = ""


def arrival(first: EditionText) -> str:
    """When a compact came to be: the earliest date its first edition states, else that edition's date."""
    stated = [value for value in (getattr(first.compact.dates, name) for name in ARRIVAL_DATES) if value]
    return min(stated, key=full_date) if stated else first.date


def what_changed(changes: Changes) -> str:
    """The counts of a change, in words: '2 clauses added, 1 reworded; 1 signatory added'."""
    groups = ((("clause", "clauses"), [(len(changes.added), "added"), (len(changes.withdrawn), "withdrawn"),
                                       (len(changes.moved), "moved"), (len(changes.reworded), "reworded"),
                                       (len(changes.renumbered), "renumbered")]),
              (("signatory", "signatories"), [(len(changes.signatories_added), "added"),
                                              (len(changes.signatories_removed), "removed")]))
    said = []
    for (one, many), counts in groups:
        shown = [(count, what) for count, what in counts if count]
        if shown:  # the first count names what is counted: '2 clauses added, 1 reworded'
            said.append(", ".join(f"{plural(count, one, many) if n == 0 else count} {what}"
                                  for n, (count, what) in enumerate(shown)))
    return "; ".join(said) or "no clause or signatory changed"


def _signatory(compact: Compact, printed: str, date: str, page: str, related: str, how: str) -> Entry:
    """A new signatory's entry, named by the line printed for it (as core/editions.py compares signatories)."""
    return Entry(f"{compact.slug}/signatory/{quote(printed, safe='')}", "signatory", timestamp(date),
                 f"New signatory: {printed} ({compact.title})", how, page, related)


def compact_entries(editions: Timeline) -> list[Entry]:
    """Every entry of one compact (see the module's docstring): its arrival, then each later edition's."""
    found: dict[str, Entry] = {}
    for entry in arrival_entries(editions.editions[0]):
        found.setdefault(entry.key, entry)
    for changes in editions.consecutive():  # one after another: an edition's id must not take an earlier one's
        for entry in edition_entries(changes, found):
            found.setdefault(entry.key, entry)  # a signatory who left and came back: its first coming
    return list(found.values())


def arrival_entries(first: EditionText) -> list[Entry]:
    """The compact's arrival, and each signatory of its first edition who signed after that (``signatory add``)."""
    compact, slug = first.compact, first.compact.slug
    people = compact.signatories.items if compact.signatories else []
    arrived = arrival(first)
    entries = [Entry(slug, "compact", timestamp(arrived), f"New compact: {compact.title}",
                     f"{compact.title}: {plural(len(first.nodes), 'clause')}, "
                     f"{plural(len(people), 'signatory', 'signatories')}; status: {first.status}.",
                     f"{slug}/")] if arrived else []
    return entries + [_signatory(compact, person.printed, person.signed, register_path(slug), "",
                                 f"{person.printed} signed {compact.title} ({person.signed}).")
                      for person in people
                      if person.signed and (not arrived or full_date(person.signed) > full_date(arrived))]


def edition_entries(changes: Changes, found: dict[str, Entry]) -> list[Entry]:
    """A later edition (when it is dated after the one before) and the signatories it added; ``found``: the
    entries so far, whose ids an edition's must not take."""
    newer, older, slug = changes.newer, changes.older, changes.newer.compact.slug
    title = newer.compact.title
    entries = []
    if newer.date and full_date(newer.date) > full_date(older.date or "0001"):
        key = f"{slug}/edition/{current_edition_date(newer.compact) or newer.date}"  # the same once frozen
        key = key if key not in found else f"{slug}/edition/{newer.date}"  # two editions stating one date
        entries.append(Entry(key, "edition", timestamp(newer.date), f"{title}: {newer.name}",
                             f"{newer.label or 'New edition'} of {title} ({newer.date}): {what_changed(changes)}.",
                             changes_url(slug), f"{slug}/" if newer.current else edition_url(slug, newer.date)))
    signed = {person.printed: person.signed for person in newer.compact.signatories.items} \
        if newer.compact.signatories else {}
    for printed in changes.signatories_added:
        how = f"{printed} signed {title} ({signed[printed]})." if signed.get(printed) else \
            f"{printed} is a signatory of {title} from its {newer.name} ({newer.date})."
        if signed.get(printed) or newer.date:
            entries.append(_signatory(newer.compact, printed, signed.get(printed) or newer.date, changes_url(slug),
                                      register_path(slug), how))
    return entries


def register_path(slug: str) -> str:
    """The compact's register page, where its signatories are listed (render/register_pages.py makes it)."""
    return f"{slug}/signatories/"


class Addresses:
    """Ids and links of one site's feeds (see the module's docstring)."""

    def __init__(self, site_url: Optional[str]) -> None:
        # A site served under a path (https://host/compact/) starts its ids' keys with it: hosts are shared.
        self.base = site_url.rstrip("/") + "/" if site_url else ""
        parts = urlsplit(site_url or "")
        path = parts.path.strip("/")
        self.tag = f"tag:{parts.hostname or TAG_AUTHORITY},{TAG_DATE}:{path + '/' if path else ''}"

    def id(self, key: str) -> str:
        """The id of an entry or feed: a ``tag:`` URI ending with its key (``riverside/edition/2016-09``)."""
        return self.tag + key

    def href(self, path: str, feed: str) -> str:
        """A page or file by its path in the site, as the feed at ``feed`` links it: absolute, or relative to it."""
        if self.base:
            return self.base + path
        folder = feed.rpartition("/")[0]
        if folder and path.startswith(folder + "/"):
            return path[len(folder) + 1:] or "./"  # in the feed's own folder: 'changes/', 'feed.xml'
        return "../" * feed.count("/") + path or "./"


def newest_first(entries: list[Entry]) -> list[Entry]:
    """By time, newest first; entries of one time by id, so the order never depends on the content's order."""
    return sorted(entries, key=lambda entry: (entry.updated, entry.key), reverse=True)


def feed_text(feed: str, key: str, title: str, page: str, author: str, entries: list[Entry],
              addresses: Addresses) -> str:
    """The Atom document at ``feed`` (its path in the site): ``page`` is the page it is the feed of."""
    entries = newest_first(entries)
    link = A.link  # lxml's builder makes <link> from keyword attributes

    def element(entry: Entry) -> etree._Element:
        links = [link(rel="alternate", type="text/html", href=addresses.href(entry.page, feed))]
        if entry.related:
            links.append(link(rel="related", type="text/html", href=addresses.href(entry.related, feed)))
        return A.entry(A.id(addresses.id(entry.key)), A.title(xml_safe(entry.title), type="text"),
                       A.updated(entry.updated), A.published(entry.updated), *links,
                       A.category(term=entry.kind), A.summary(xml_safe(entry.summary), type="text"))

    root = A.feed(A.id(addresses.id(key)), A.title(xml_safe(title), type="text"),
                  A.updated(entries[0].updated if entries else NO_DATE), A.author(A.name(xml_safe(author))),
                  link(rel="self", type=FEED_TYPE, href=addresses.href(feed, feed)),
                  link(rel="alternate", type="text/html", href=addresses.href(page, feed)),
                  *[element(entry) for entry in entries])
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True).decode("utf-8")


def feed_files(context: BuildContext, site_name: str) -> list[tuple[str, str]]:
    """(path, Atom text) of every feed: each compact's, with all its entries, then the site's, with the newest
    :data:`SITE_ENTRIES` of every compact's (pages/listing.py ``static_paths`` lists their paths in this order
    without making them)."""
    addresses = Addresses(context.style.site_url)
    files, every = [], []
    for compact in context.compacts:
        entries = compact_entries(editions_of(compact, context.timelines))
        every += entries
        page = changes_url(compact.slug) if compact.slug in context.timelines else f"{compact.slug}/"
        files.append((feed_path(compact.slug), feed_text(
            feed_path(compact.slug), f"{compact.slug}/feed", f"{compact.title}: new editions and signatories", page,
            site_name, entries, addresses)))
    site_page = changes_url() if context.timelines else ""
    files.append((feed_path(), feed_text(feed_path(), "feed", f"{site_name}: new compacts, editions and signatories",
                                         site_page, site_name, newest_first(every)[:SITE_ENTRIES], addresses)))
    return files
