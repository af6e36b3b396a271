"""Pages and page parts as HTML and generated Markdown, through the Jinja fragments in templates/compact-site/.
No MkDocs imports."""
