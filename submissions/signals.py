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

# Mails (notifications/receivers.py). Sent inside the transaction, so that the mail is
# queued with the change and sent once it commits; a receiver must never fail the change
# (the notifications' receivers work in a savepoint and log their errors).

# `submission` was handed in by `user`.
handed_in = Signal()

# `submission` was returned by `user` with `comment`.
returned = Signal()

# The synthesis of `assignment` was published to the regions (not sent again on a change
# of its settings, nor when a facilitator unpublishes it).
synthesis_published = Signal()
