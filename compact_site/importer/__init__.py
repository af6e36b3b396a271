"""``compact-site import``: draft a compact file from a Word document, a PDF or plain text.

The import runs in layers, each its own module:

- a *reader* turns one kind of file into the same list of :class:`~.paragraphs.Paragraph` objects
  (``from_word``, ``from_pdf``, ``from_text``), and lists what it leaves out on purpose (running headers,
  a contents list) and what it noticed (tracked changes, comments);
- ``structure`` places those paragraphs in the compact format (sections, party groups, clauses, glossary,
  signatories), marking every guess with a ``review:`` entry and never inventing text, dates or status;
- ``draft_yaml`` writes the draft, ``coverage`` proves that every sentence was placed, in order, and
  ``review_page`` writes the side-by-side page an officer reads to check the draft.

Nothing here imports MkDocs.
"""
