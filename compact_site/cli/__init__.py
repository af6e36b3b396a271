"""Every ``compact-site`` command: validate, new, schema, anchors, signatory, export, import, build."""
