"""Pages for a child's details and network: names, identifiers, addresses, the adults and
children in their life, households."""
