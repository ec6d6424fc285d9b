import sys
from pathlib import Path

# Let the tests import the event helpers next to them (planning_events).
sys.path.insert(0, str(Path(__file__).parent))
