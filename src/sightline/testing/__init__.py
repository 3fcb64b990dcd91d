"""Test support shared by every app: factories for the record spine and signed-in clients."""
