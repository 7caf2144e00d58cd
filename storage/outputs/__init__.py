"""What Sendoff writes for people and other programs: the handover manifest, the calendar, `sendoff due`'s lines and `sendoff check`'s report."""
