"""`python -m sightline.cli ARGS` is the same as the `sightline` console script."""

import sys

from sightline.cli import main

sys.exit(main())
