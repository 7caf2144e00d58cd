"""The records a freelancer keeps, and the checks each value passes: a client and its five steps' items."""
