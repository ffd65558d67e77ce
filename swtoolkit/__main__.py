"""`python -m swtoolkit` runs the command line."""

import sys

from swtoolkit.cli import main

sys.exit(main())
