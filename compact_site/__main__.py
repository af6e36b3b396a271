import sys

from compact_site.cli.main import main

sys.exit(main())
