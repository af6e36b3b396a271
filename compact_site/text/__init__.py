"""The author-text pipeline: Markdown that is safe to publish, cross-references resolved, and one rule for the
plain prose that skips Python-Markdown. No MkDocs imports."""
