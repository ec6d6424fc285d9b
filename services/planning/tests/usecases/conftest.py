import sys
from pathlib import Path

# Let the tests reuse the journey helpers of test_planning_use_cases (receive, instruct...).
sys.path.insert(0, str(Path(__file__).parent))
