"""procurement's part of each customer change (SAL-8): servicekit.change_parts' repository over
procurement's change_part table."""

from procurement.adapters.tables import change_part
from servicekit.change_parts import change_parts

SqlChangeParts = change_parts(change_part)
