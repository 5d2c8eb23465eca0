"""Signals other apps listen to, so that homework does not depend on them."""

from django.dispatch import Signal

# Sent once the homework's hand-in or return is committed: the set of handed-in homework
# of `assignment` changed (the workshop deck prepares its new slides).
handed_in_changed = Signal()
