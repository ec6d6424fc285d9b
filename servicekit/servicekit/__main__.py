import sys

from servicekit.cli import main

sys.exit(main())
