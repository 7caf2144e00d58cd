"""Recurrence rules of whole days (RFC 5545 RRULEs, evaluated with dateutil): reading the text a
person types, finding the dates, the presets Sendoff offers, and the words that describe a rule."""
