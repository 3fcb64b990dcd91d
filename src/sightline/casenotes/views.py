"""Case notes on a child's record: what was seen, heard and done, written to the child."""
