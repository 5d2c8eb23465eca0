"""What the homework apps tell others, so that they depend on none of them: the synthesis
receives these to tag the texts (synthesis/receivers.py), the deck to prepare its slides.

Sent inside the transaction that saved (statement_saved, interview_saved: the tags are
written with the text), or once it has committed (handed_in_changed)."""

from django.dispatch import Signal

# The role statement of `submission` was saved with a changed text.
statement_saved = Signal()

# `interview` of a homework was saved, with its quotes.
interview_saved = Signal()

# Homework of `assignment_id` was handed in or returned (sent once committed).
handed_in_changed = Signal()

# The personal data of `interview` was erased (a GDPR request), inside the transaction:
# whatever keeps copies of it (the synthesis's caches) drops them.
personal_data_erased = Signal()
