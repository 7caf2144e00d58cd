"""Messages written from the record: the fields a client gives, the templates, and rendering."""
