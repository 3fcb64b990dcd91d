"""Children, the adults in their lives, households, and the workforce allocated to them."""
