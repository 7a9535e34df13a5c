"""`python -m game` runs the same command line as `safecity`."""

import sys

from game.cli.main import main

sys.exit(main())
