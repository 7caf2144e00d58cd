"""Read models derived from the records: the dashboard's glance and rows, what is due, and the index file that caches both."""
