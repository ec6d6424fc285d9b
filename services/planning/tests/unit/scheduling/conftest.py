import sys
from pathlib import Path

# Let the tests import the shared factories module next to them.
sys.path.insert(0, str(Path(__file__).parent))
