"""Hooks of the panel's workflow for the other parts (blinker, Flask's own
signal library). Each is sent INSIDE the transaction of its change, with the
transaction's `db`: a receiver writes in the same transaction (so its rows
are stored with the change or not at all), and an exception in a receiver
rolls the change back. Receivers get `sender=None` and keyword arguments:

    from panel.signals import statement_finalised

    @statement_finalised.connect
    def open_feedback_requests(sender, *, db, consultation_id, statement_id, meeting_id,
                               social_worker_id, present_member_ids, **extra):
        ...
"""
from blinker import signal

# The panel's statement on a consultation was finalised for the first time
# and so delivered to the social worker (the moment the feedback requests
# open). Sent once per consultation: a later version (a change with its
# reason) does not send it again.
# Keywords: db, consultation_id, statement_id, meeting_id, social_worker_id,
# present_member_ids (ids of the expert members marked present).
statement_finalised = signal("statement-finalised")

# The social worker marked the panel's message delivered to the child or the
# parent (told in person, by letter or at a meeting; "not delivered" does not
# send it). Keywords: db, consultation_id, views_ids (the views records of
# the people newly marked delivered; empty when the person has no record).
message_delivered = signal("message-delivered")

# `flask queue-reminders` (and send-mail) queues the reminders due today; other
# parts queue theirs on this (the feedback surveys' one reminder).
# Keywords: db, today.
reminders_due = signal("reminders-due")
