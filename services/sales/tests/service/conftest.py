import sys
from pathlib import Path

# Let the tests import the builders next to them (named to not clash with other services').
sys.path.insert(0, str(Path(__file__).parent))
