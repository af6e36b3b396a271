"""What a site knows across its compacts: citations and cross-reference targets, glossary terms, register rows,
the concordance of similar clauses, and the one BuildContext a build makes of them. No MkDocs imports."""
