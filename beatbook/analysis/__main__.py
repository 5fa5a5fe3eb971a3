"""``python -m beatbook.analysis backtest|knox|patrol-plan ...``."""

import sys

from .cli import main

sys.exit(main())
