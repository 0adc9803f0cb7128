"""`python -m lises_reflect …`: operator commands."""

import sys

from lises_reflect.cli import main

sys.exit(main())
