"""The ``compact`` MkDocs plugin: the only package that imports MkDocs or Material (apart from ``cli.build``,
which runs a build)."""
