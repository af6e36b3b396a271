"""From files to a checked model: YAML reading with line numbers, loading into the model, the checks that span
a compact or a site, the anchor ledger and the JSON Schema of the format. No MkDocs imports."""
