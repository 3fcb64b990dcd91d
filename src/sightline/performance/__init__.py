"""Performance: the indicators leaders use, computed in the database from the case records."""
