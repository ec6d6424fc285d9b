"""planning's part of each customer change (SAL-8): servicekit.change_parts' repository over
planning's change_part table."""

from planning.adapters.tables import change_part
from servicekit.change_parts import change_parts

SqlChangeParts = change_parts(change_part)
