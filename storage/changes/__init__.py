"""What each key does to a client, one module per subject.

Every change is a function that takes a client (a fresh copy, read for this change), changes it,
and returns what undo will say it undid ("tick Logo"). The app saves the result; nothing here
writes the file or knows of a screen.
"""
