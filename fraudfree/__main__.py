"""`python -m fraudfree`: see fraudfree/cli.py."""

import sys

from fraudfree.cli import main

sys.exit(main())
