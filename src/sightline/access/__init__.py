"""Who may see which records, and the audit trail of every read, change and export."""
