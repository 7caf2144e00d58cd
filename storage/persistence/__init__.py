"""Keeping the records on disk: the repository (the one door to the data file), its TinyDB storage, the lock, the schema, validation and recovery."""
