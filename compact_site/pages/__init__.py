"""Which pages and files a site gets from its compacts, its search entries, and the check of the fragments'
links against the built site. No MkDocs imports, so another static-site engine needs only a new adapter."""
